package uk.gov.hertfordshire.analytics.measures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.measures.Reports.Backlog;
import uk.gov.hertfordshire.analytics.measures.Reports.Baseline;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelCost;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelMix;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelShift;
import uk.gov.hertfordshire.analytics.measures.Reports.CostBaseline;
import uk.gov.hertfordshire.analytics.measures.Reports.CostToServe;
import uk.gov.hertfordshire.analytics.measures.Reports.Count;
import uk.gov.hertfordshire.analytics.measures.Reports.Demand;
import uk.gov.hertfordshire.analytics.measures.Reports.Period;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceDemand;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceStandard;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceStandardReport;
import uk.gov.hertfordshire.analytics.measures.Reports.Timeliness;
import uk.gov.hertfordshire.analytics.measures.Reports.TimelinessReport;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * Works the measures out of one generation's projection tables. A service code the catalogue
 * (service definitions from case-service) does not know is reported as {@code unknown}.
 */
@Component
class Measures {

    static final String UNKNOWN_SERVICE = "unknown";
    static final String UNKNOWN_SERVICE_NAME = "Unknown service (not in the catalogue)";

    /** Statuses of a case that is not finished: the backlog. */
    static final List<String> OPEN_STATUSES =
            List.of("submitted", "triaged", "assigned", "in_progress", "reopened");

    private static final String SERVICE_KEY =
            "CASE WHEN sd.service_code IS NULL THEN 'unknown' ELSE sd.service_code END";
    private static final String SERVICE_NAME =
            "coalesce(max(sd.name), '" + UNKNOWN_SERVICE_NAME + "')";

    private static final String RESOLVED_NOW =
            "f.resolved_at IS NOT NULL AND (f.reopened_at IS NULL OR f.resolved_at >"
                    + " f.reopened_at)";

    private final JdbcClient jdbc;
    private final UnitCosts unitCosts;

    Measures(JdbcClient jdbc, UnitCosts unitCosts) {
        this.jdbc = jdbc;
        this.unitCosts = unitCosts;
    }

    private static String serviceJoin(String alias, String codeColumn) {
        return " LEFT JOIN service_definition sd ON sd.generation = "
                + alias
                + ".generation AND sd.service_code = "
                + alias
                + "."
                + codeColumn;
    }

    // --- channel shift --------------------------------------------------------------------

    ChannelShift channelShift(
            int generation,
            ReportRange range,
            ReportRange.Granularity granularity,
            String service,
            ReportRange baseline) {
        Map<LocalDate, Map<String, Long>> byPeriod = new TreeMap<>();
        jdbc.sql(
                        "SELECT greatest(date_trunc(:unit, c.day)::date, :from) AS period,"
                                + " c.channel, sum(c.contacts) FROM contact_day c"
                                + serviceJoin("c", "service_code")
                                + " WHERE c.generation = :generation AND c.day BETWEEN :from AND"
                                + " :to AND (CAST(:service AS text) IS NULL OR "
                                + SERVICE_KEY
                                + " = :service) GROUP BY 1, 2")
                .param("unit", granularity.sqlUnit())
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .param("service", service)
                .query(
                        (ResultSet rs) -> {
                            byPeriod.computeIfAbsent(
                                            rs.getObject(1, LocalDate.class),
                                            p -> new LinkedHashMap<>())
                                    .merge(rs.getString(2), rs.getLong(3), Long::sum);
                        });
        List<Period> periods = new ArrayList<>();
        byPeriod.forEach(
                (start, counts) ->
                        periods.add(new Period(start, label(start, granularity), mix(counts))));
        ChannelMix total = mix(contactsByChannel(generation, range, service));
        Baseline base = null;
        if (baseline != null) {
            ChannelMix baseMix = mix(contactsByChannel(generation, baseline, service));
            Double change =
                    total.digitalTakeUp() == null || baseMix.digitalTakeUp() == null
                            ? null
                            : total.digitalTakeUp() - baseMix.digitalTakeUp();
            base = new Baseline(baseline.from(), baseline.to(), baseMix, change);
        }
        return new ChannelShift(
                range.from(), range.to(), granularity.wire(), service, periods, total, base);
    }

    static String label(LocalDate start, ReportRange.Granularity granularity) {
        switch (granularity) {
            case WEEK:
                // The ISO week of the period's Monday, even when the range clips it.
                LocalDate monday = start.minusDays(start.getDayOfWeek().getValue() - 1L);
                return String.format(
                        "%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH:
                return start.format(DateTimeFormatter.ofPattern("yyyy-MM"));
            default:
                return start.toString();
        }
    }

    private Map<String, Long> contactsByChannel(int generation, ReportRange range, String service) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT c.channel, sum(c.contacts) FROM contact_day c"
                                + serviceJoin("c", "service_code")
                                + " WHERE c.generation = :generation AND c.day BETWEEN :from AND"
                                + " :to AND (CAST(:service AS text) IS NULL OR "
                                + SERVICE_KEY
                                + " = :service) GROUP BY 1")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .param("service", service)
                .query(
                        (ResultSet rs) -> {
                            counts.put(rs.getString(1), rs.getLong(2));
                        });
        return counts;
    }

    /** All six channels in order, zeros included, with totals and digital take-up. */
    static ChannelMix mix(Map<String, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        long total = 0;
        long digital = 0;
        for (Channel channel : Channel.values()) {
            long n = counts.getOrDefault(channel.wireValue(), 0L);
            all.put(channel.wireValue(), n);
            total += n;
            if (channel.isDigitalSelfService()) {
                digital += n;
            }
        }
        return new ChannelMix(all, total, digital, total == 0 ? null : (double) digital / total);
    }

    // --- cost to serve --------------------------------------------------------------------

    CostToServe costToServe(
            int generation, ReportRange range, String service, ReportRange baseline) {
        ChannelMix mix = mix(contactsByChannel(generation, range, service));
        List<ChannelCost> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            long n = mix.contacts().get(channel.wireValue());
            channels.add(
                    new ChannelCost(
                            channel.wireValue(),
                            n,
                            unitCosts.of(channel),
                            money(unitCosts.of(channel).multiply(BigDecimal.valueOf(n)))));
        }
        BigDecimal cost = cost(mix);
        CostBaseline base = null;
        if (baseline != null) {
            ChannelMix baseMix = mix(contactsByChannel(generation, baseline, service));
            BigDecimal baseCost = cost(baseMix);
            Map<String, Double> shares = new LinkedHashMap<>();
            baseMix.contacts()
                    .forEach(
                            (channel, n) ->
                                    shares.put(
                                            channel,
                                            baseMix.total() == 0
                                                    ? null
                                                    : (double) n / baseMix.total()));
            BigDecimal atBaselineMix =
                    baseMix.total() == 0
                            ? null
                            : baseCost.multiply(BigDecimal.valueOf(mix.total()))
                                    .divide(
                                            BigDecimal.valueOf(baseMix.total()),
                                            2,
                                            RoundingMode.HALF_UP);
            base =
                    new CostBaseline(
                            baseline.from(),
                            baseline.to(),
                            baseMix.total(),
                            baseCost,
                            perContact(baseCost, baseMix.total()),
                            shares,
                            atBaselineMix,
                            atBaselineMix == null ? null : atBaselineMix.subtract(cost));
        }
        return new CostToServe(
                range.from(),
                range.to(),
                service,
                channels,
                mix.total(),
                cost,
                perContact(cost, mix.total()),
                base);
    }

    private BigDecimal cost(ChannelMix mix) {
        BigDecimal cost = BigDecimal.ZERO;
        for (Channel channel : Channel.values()) {
            cost =
                    cost.add(
                            unitCosts
                                    .of(channel)
                                    .multiply(
                                            BigDecimal.valueOf(
                                                    mix.contacts().get(channel.wireValue()))));
        }
        return money(cost);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal perContact(BigDecimal cost, long contacts) {
        return contacts == 0
                ? null
                : cost.divide(BigDecimal.valueOf(contacts), 2, RoundingMode.HALF_UP);
    }

    // --- demand -----------------------------------------------------------------------------

    /** One count per service (key, name, figure) into its slot of {@code counts}. */
    private void countByService(
            String figureAndSource,
            int generation,
            ReportRange range,
            Map<String, String> names,
            Map<String, long[]> counts,
            int slot) {
        jdbc.sql(
                        "SELECT "
                                + SERVICE_KEY
                                + ", "
                                + SERVICE_NAME
                                + ", "
                                + figureAndSource
                                + " GROUP BY 1")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(
                        (ResultSet rs) -> {
                            names.put(rs.getString(1), rs.getString(2));
                            counts.computeIfAbsent(rs.getString(1), k -> new long[2])[slot] =
                                    rs.getLong(3);
                        });
    }

    Demand demand(int generation, ReportRange range) {
        Map<String, long[]> services = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        // Slot 0: cases submitted in the range; slot 1: contacts (cases and "me too"s).
        countByService(
                "count(*) FROM case_fact f"
                        + serviceJoin("f", "service_code")
                        + " WHERE f.generation = :generation AND f.submitted_day BETWEEN"
                        + " :from AND :to",
                generation,
                range,
                names,
                services,
                0);
        countByService(
                "sum(c.contacts) FROM contact_day c"
                        + serviceJoin("c", "service_code")
                        + " WHERE c.generation = :generation AND c.day BETWEEN :from AND :to",
                generation,
                range,
                names,
                services,
                1);
        List<ServiceDemand> byService = new ArrayList<>();
        long cases = 0;
        long contacts = 0;
        for (Map.Entry<String, long[]> e : services.entrySet()) {
            byService.add(
                    new ServiceDemand(
                            e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1]));
            cases += e.getValue()[0];
            contacts += e.getValue()[1];
        }
        return new Demand(
                range.from(),
                range.to(),
                cases,
                contacts,
                byService,
                submittedBy(generation, range, "f.area", "f.area"),
                submittedBy(generation, range, "f.status", "f.status"),
                submittedBy(
                        generation,
                        range,
                        "coalesce(f.team_code, 'unassigned')",
                        "coalesce(f.team_code, 'unassigned')"),
                backlog(generation));
    }

    private List<Count> submittedBy(int generation, ReportRange range, String key, String name) {
        return jdbc.sql(
                        "SELECT "
                                + key
                                + ", "
                                + name
                                + ", count(*) FROM case_fact f WHERE f.generation = :generation"
                                + " AND f.submitted_day BETWEEN :from AND :to GROUP BY 1, 2"
                                + " ORDER BY 3 DESC, 1")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(Measures::count)
                .list();
    }

    Backlog backlog(int generation) {
        List<Count> byService =
                jdbc.sql(
                                "SELECT "
                                        + SERVICE_KEY
                                        + ", "
                                        + SERVICE_NAME
                                        + ", count(*) FROM case_fact f"
                                        + serviceJoin("f", "service_code")
                                        + " WHERE f.generation = :generation AND f.status IN"
                                        + " (:open) GROUP BY 1 ORDER BY 3 DESC, 1")
                        .param("generation", generation)
                        .param("open", OPEN_STATUSES)
                        .query(Measures::count)
                        .list();
        List<Count> byStatus =
                jdbc.sql(
                                "SELECT f.status, f.status, count(*) FROM case_fact f"
                                        + " WHERE f.generation = :generation AND f.status IN"
                                        + " (:open) GROUP BY 1 ORDER BY 3 DESC, 1")
                        .param("generation", generation)
                        .param("open", OPEN_STATUSES)
                        .query(Measures::count)
                        .list();
        return new Backlog(byStatus.stream().mapToLong(Count::cases).sum(), byService, byStatus);
    }

    private static Count count(ResultSet rs, int row) throws SQLException {
        return new Count(rs.getString(1), rs.getString(2), rs.getLong(3));
    }

    // --- timeliness ---------------------------------------------------------------------------

    TimelinessReport timeliness(int generation, ReportRange range) {
        Map<String, long[]> happenings = happenings(generation, range);
        String select =
                " count(*), count(f.resolve_due_at), count(*) FILTER (WHERE f.resolved_at <="
                        + " f.resolve_due_at), percentile_cont(0.5) WITHIN GROUP (ORDER BY"
                        + " f.resolve_seconds) / 3600.0, percentile_cont(0.9) WITHIN GROUP"
                        + " (ORDER BY f.resolve_seconds) / 3600.0 FROM case_fact f"
                        + serviceJoin("f", "service_code")
                        + " WHERE f.generation = :generation AND f.resolved_day BETWEEN :from"
                        + " AND :to AND "
                        + RESOLVED_NOW;
        Map<String, Timeliness> byService = new TreeMap<>();
        jdbc.sql("SELECT " + SERVICE_KEY + ", " + SERVICE_NAME + "," + select + " GROUP BY 1")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(
                        (ResultSet rs) -> {
                            long[] h = happenings.getOrDefault(rs.getString(1), new long[3]);
                            byService.put(
                                    rs.getString(1),
                                    timeliness(rs, rs.getString(1), rs.getString(2), h[0], h[1]));
                        });
        // Services with breaches but nothing resolved in the range still show.
        happenings.forEach(
                (service, h) -> {
                    if (!byService.containsKey(service)) {
                        byService.put(
                                service,
                                new Timeliness(
                                        service,
                                        serviceName(generation, service),
                                        0,
                                        0,
                                        0,
                                        null,
                                        null,
                                        null,
                                        h[0],
                                        h[1]));
                    }
                });
        long breaches = happenings.values().stream().mapToLong(h -> h[0]).sum();
        long approaching = happenings.values().stream().mapToLong(h -> h[1]).sum();
        Timeliness overall =
                jdbc.sql("SELECT 'all', 'All services'," + select)
                        .param("generation", generation)
                        .param("from", range.from())
                        .param("to", range.to())
                        .query(
                                (rs, n) ->
                                        timeliness(
                                                rs, "all", "All services", breaches, approaching))
                        .single();
        return new TimelinessReport(
                range.from(), range.to(), overall, new ArrayList<>(byService.values()));
    }

    private static Timeliness timeliness(
            ResultSet rs, String service, String name, long breaches, long approaching)
            throws SQLException {
        long resolved = rs.getLong(3);
        long withTarget = rs.getLong(4);
        long within = rs.getLong(5);
        return new Timeliness(
                service,
                name,
                resolved,
                withTarget,
                within,
                withTarget == 0 ? null : (double) within / withTarget,
                nullableDouble(rs, 6),
                nullableDouble(rs, 7),
                breaches,
                approaching);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Per service: {breaches, approaching} in the range. */
    private Map<String, long[]> happenings(int generation, ReportRange range) {
        Map<String, long[]> byService = new TreeMap<>();
        jdbc.sql(
                        "SELECT "
                                + SERVICE_KEY
                                + ", d.measure, sum(d.n) FROM daily_count d"
                                + serviceJoin("d", "dimension")
                                + " WHERE d.generation = :generation AND d.day BETWEEN :from AND"
                                + " :to AND d.measure IN ('target_breached',"
                                + " 'target_approaching') GROUP BY 1, 2")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(
                        (ResultSet rs) -> {
                            long[] h = byService.computeIfAbsent(rs.getString(1), k -> new long[3]);
                            h["target_breached".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
                        });
        return byService;
    }

    private String serviceName(int generation, String service) {
        return jdbc.sql(
                        "SELECT name FROM service_definition WHERE generation = :generation AND"
                                + " service_code = :code")
                .param("generation", generation)
                .param("code", service)
                .query(String.class)
                .optional()
                .orElse(UNKNOWN_SERVICE_NAME);
    }

    // --- GOV.UK service standard ----------------------------------------------------------

    ServiceStandardReport serviceStandard(int generation, ReportRange range) {
        Map<String, Map<String, Long>> contacts = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        jdbc.sql(
                        "SELECT "
                                + SERVICE_KEY
                                + ", "
                                + SERVICE_NAME
                                + ", c.channel, sum(c.contacts) FROM contact_day c"
                                + serviceJoin("c", "service_code")
                                + " WHERE c.generation = :generation AND c.day BETWEEN :from AND"
                                + " :to GROUP BY 1, 3")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(
                        (ResultSet rs) -> {
                            names.put(rs.getString(1), rs.getString(2));
                            contacts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                    .put(rs.getString(3), rs.getLong(4));
                        });
        Map<String, long[]> completion = new TreeMap<>();
        jdbc.sql(
                        "SELECT "
                                + SERVICE_KEY
                                + ", "
                                + SERVICE_NAME
                                + ", count(*) FILTER (WHERE f.status <> 'duplicate'),"
                                + " count(*) FILTER (WHERE f.status IN ('resolved', 'closed'))"
                                + " FROM case_fact f"
                                + serviceJoin("f", "service_code")
                                + " WHERE f.generation = :generation AND f.submitted_day BETWEEN"
                                + " :from AND :to GROUP BY 1")
                .param("generation", generation)
                .param("from", range.from())
                .param("to", range.to())
                .query(
                        (ResultSet rs) -> {
                            names.put(rs.getString(1), rs.getString(2));
                            completion.put(
                                    rs.getString(1), new long[] {rs.getLong(3), rs.getLong(4)});
                        });
        List<ServiceStandard> services = new ArrayList<>();
        for (String service : names.keySet()) {
            ChannelMix mix = mix(contacts.getOrDefault(service, Map.of()));
            long[] c = completion.getOrDefault(service, new long[2]);
            services.add(
                    new ServiceStandard(
                            service,
                            names.get(service),
                            mix.total(),
                            perContact(cost(mix), mix.total()),
                            mix.digitalTakeUp(),
                            c[0],
                            c[1],
                            c[0] == 0 ? null : (double) c[1] / c[0],
                            null));
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put(
                "costPerTransaction",
                "cost-to-serve of the service's contacts (unit cost per channel) divided by its"
                        + " contacts");
        definitions.put("digitalTakeUp", "contacts through web, app and Open311 as a share of all");
        definitions.put(
                "completionRate",
                "cases submitted in the range (duplicates left out) that are resolved or closed"
                        + " now; forms abandoned before submission are not seen, so this is an"
                        + " upper bound");
        definitions.put("userSatisfaction", "no data: no satisfaction survey events exist yet");
        return new ServiceStandardReport(range.from(), range.to(), services, definitions);
    }
}
