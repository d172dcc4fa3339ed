package uk.gov.hertfordshire.analytics.measures;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelCost;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelMix;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelShift;
import uk.gov.hertfordshire.analytics.measures.Reports.CostToServe;
import uk.gov.hertfordshire.analytics.measures.Reports.Count;
import uk.gov.hertfordshire.analytics.measures.Reports.Demand;
import uk.gov.hertfordshire.analytics.measures.Reports.Period;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceDemand;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceStandard;
import uk.gov.hertfordshire.analytics.measures.Reports.Timeliness;
import uk.gov.hertfordshire.analytics.measures.Reports.TimelinessReport;
import uk.gov.hertfordshire.analytics.projection.Generations;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * {@code /api/analytics/*.csv}: the same measures as the JSON API, same parameters, one table each,
 * for a spreadsheet. ANALYST and ADMIN only.
 */
@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class CsvExportController {

    private final Measures measures;
    private final Generations generations;
    private final Clock clock;

    CsvExportController(Measures measures, Generations generations, Clock clock) {
        this.measures = measures;
        this.generations = generations;
        this.clock = clock;
    }

    @GetMapping("/channel-shift.csv")
    void channelShift(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) LocalDate baselineFrom,
            @RequestParam(required = false) LocalDate baselineTo,
            HttpServletResponse response)
            throws IOException {
        ChannelShift report =
                measures.channelShift(
                        generations.served(),
                        ReportRange.of(from, to, clock),
                        ReportRange.Granularity.parse(granularity),
                        MeasuresController.service(service),
                        ReportRange.optional(
                                baselineFrom, baselineTo, "baselineFrom", "baselineTo"));
        List<String> header = new ArrayList<>(List.of("period_start", "period", "service"));
        header.addAll(Channel.wireValues());
        header.addAll(List.of("total", "digital", "digital_take_up"));
        write(
                response,
                "channel-shift",
                header.toArray(String[]::new),
                csv -> {
                    for (Period period : report.periods()) {
                        csv.row(
                                mixRow(
                                        period.period(),
                                        period.label(),
                                        report.service(),
                                        period.mix()));
                    }
                    if (report.baseline() != null) {
                        csv.row(
                                mixRow(
                                        report.baseline().from(),
                                        "baseline "
                                                + report.baseline().from()
                                                + " to "
                                                + report.baseline().to(),
                                        report.service(),
                                        report.baseline().mix()));
                    }
                });
    }

    private static Object[] mixRow(LocalDate start, String label, String service, ChannelMix mix) {
        List<Object> cells = new ArrayList<>();
        cells.add(start.toString());
        cells.add(label);
        cells.add(service == null ? "all" : service);
        cells.addAll(mix.contacts().values());
        cells.add(mix.total());
        cells.add(mix.digital());
        cells.add(mix.digitalTakeUp());
        return cells.toArray();
    }

    @GetMapping("/cost-to-serve.csv")
    void costToServe(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) LocalDate baselineFrom,
            @RequestParam(required = false) LocalDate baselineTo,
            HttpServletResponse response)
            throws IOException {
        CostToServe report =
                measures.costToServe(
                        generations.served(),
                        ReportRange.of(from, to, clock),
                        MeasuresController.service(service),
                        ReportRange.optional(
                                baselineFrom, baselineTo, "baselineFrom", "baselineTo"));
        write(
                response,
                "cost-to-serve",
                new String[] {"channel", "contacts", "unit_cost_gbp", "cost_gbp"},
                csv -> {
                    for (ChannelCost c : report.channels()) {
                        csv.row(c.channel(), c.contacts(), c.unitCost(), c.cost());
                    }
                    csv.row("all", report.contacts(), report.costPerContact(), report.cost());
                    if (report.baseline() != null) {
                        // What the same contacts would have cost with the baseline's channel mix,
                        // and the saving (positive: money saved by channel shift).
                        csv.row(
                                "all at the baseline mix",
                                report.contacts(),
                                "",
                                report.baseline().costAtBaselineMix());
                        csv.row("saving against the baseline", "", "", report.baseline().saving());
                    }
                });
    }

    @GetMapping("/demand.csv")
    void demand(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        Demand report = measures.demand(generations.served(), ReportRange.of(from, to, clock));
        write(
                response,
                "demand",
                new String[] {"dimension", "key", "name", "cases", "contacts"},
                csv -> {
                    for (ServiceDemand s : report.byService()) {
                        csv.row("service", s.service(), s.name(), s.cases(), s.contacts());
                    }
                    counts(csv, "area", report.byArea());
                    counts(csv, "status", report.byStatus());
                    counts(csv, "team", report.byTeam());
                    counts(csv, "backlog_by_service", report.backlog().byService());
                    counts(csv, "backlog_by_status", report.backlog().byStatus());
                });
    }

    private static void counts(SafeCsv csv, String dimension, List<Count> counts) {
        for (Count c : counts) {
            csv.row(dimension, c.key(), c.name(), c.cases(), null);
        }
    }

    @GetMapping("/timeliness.csv")
    void timeliness(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        TimelinessReport report =
                measures.timeliness(generations.served(), ReportRange.of(from, to, clock));
        write(
                response,
                "timeliness",
                new String[] {
                    "service",
                    "name",
                    "resolved",
                    "with_target",
                    "within_target",
                    "share_within_target",
                    "median_hours",
                    "p90_hours",
                    "target_breaches",
                    "targets_approaching"
                },
                csv -> {
                    timelinessRow(csv, report.overall());
                    report.byService().forEach(t -> timelinessRow(csv, t));
                });
    }

    private static void timelinessRow(SafeCsv csv, Timeliness t) {
        csv.row(
                t.service(),
                t.name(),
                t.resolved(),
                t.withTarget(),
                t.withinTarget(),
                t.shareWithinTarget(),
                t.medianHours(),
                t.p90Hours(),
                t.targetBreaches(),
                t.targetsApproaching());
    }

    @GetMapping("/service-standard.csv")
    void serviceStandard(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        List<ServiceStandard> services =
                measures.serviceStandard(generations.served(), ReportRange.of(from, to, clock))
                        .services();
        write(
                response,
                "service-standard",
                new String[] {
                    "service",
                    "name",
                    "transactions",
                    "cost_per_transaction_gbp",
                    "digital_take_up",
                    "cases_started",
                    "cases_completed",
                    "completion_rate",
                    "user_satisfaction"
                },
                csv -> {
                    for (ServiceStandard s : services) {
                        csv.row(
                                s.service(),
                                s.name(),
                                s.transactions(),
                                s.costPerTransaction(),
                                s.digitalTakeUp(),
                                s.casesStarted(),
                                s.casesCompleted(),
                                s.completionRate(),
                                s.userSatisfaction());
                    }
                });
    }

    static void write(
            HttpServletResponse response, String name, String[] header, Consumer<SafeCsv> rows)
            throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (SafeCsv csv = new SafeCsv(response.getWriter(), header)) {
            rows.accept(csv);
        }
    }
}
