package uk.gov.hertfordshire.analytics.measures;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.projection.Generations;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * {@code /api/analytics/contacts-avoided} (and {@code .csv}): self-service resolutions ("this
 * answered my question") per day and service over {@code from}–{@code to}, each valued at what a
 * phone contact costs beyond a web one ({@code analytics.unit-costs}), for analysts and
 * administrators.
 */
@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class ContactsAvoidedController {

    /** The {@code daily_count} measure the content stream counts them under. */
    static final String MEASURE = "content.self_service";

    /** What a page that answers no catalogue service is reported as. */
    static final String NO_SERVICE_NAME = "No particular service";

    private final JdbcClient jdbc;
    private final Generations generations;
    private final UnitCosts costs;
    private final Clock clock;

    ContactsAvoidedController(
            JdbcClient jdbc, Generations generations, UnitCosts costs, Clock clock) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.costs = costs;
        this.clock = clock;
    }

    @GetMapping("/contacts-avoided")
    ContactsAvoided contactsAvoided(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        ReportRange range = ReportRange.of(from, to, clock);
        BigDecimal saving = costs.of(Channel.PHONE).subtract(costs.of(Channel.WEB));
        List<Row> rows =
                jdbc.sql(
                                "SELECT d.day, d.dimension AS service_code, CASE WHEN d.dimension ="
                                        + " '' THEN :none ELSE coalesce(s.name, :unknown) END AS"
                                        + " name, d.n AS contacts FROM daily_count d LEFT JOIN"
                                        + " service_definition s ON s.generation = d.generation"
                                        + " AND s.service_code = d.dimension WHERE d.generation ="
                                        + " :generation AND d.measure = :measure AND d.day BETWEEN"
                                        + " :from AND :to ORDER BY d.day, d.dimension")
                        .param("none", NO_SERVICE_NAME)
                        .param("unknown", Measures.UNKNOWN_SERVICE_NAME)
                        .param("generation", generations.served())
                        .param("measure", MEASURE)
                        .param("from", range.from())
                        .param("to", range.to())
                        .query(
                                (rs, n) -> {
                                    long contacts = rs.getLong("contacts");
                                    return new Row(
                                            rs.getObject("day", LocalDate.class),
                                            rs.getString("service_code"),
                                            rs.getString("name"),
                                            contacts,
                                            saving.multiply(BigDecimal.valueOf(contacts)));
                                })
                        .list();
        Map<String, ServiceTotal> byService = new TreeMap<>();
        for (Row row : rows) {
            byService.merge(
                    row.serviceCode(),
                    new ServiceTotal(
                            row.serviceCode(),
                            row.serviceName(),
                            row.contactsAvoided(),
                            row.costSaved()),
                    (a, b) ->
                            new ServiceTotal(
                                    a.serviceCode(),
                                    a.serviceName(),
                                    a.contactsAvoided() + b.contactsAvoided(),
                                    a.costSaved().add(b.costSaved())));
        }
        long total = rows.stream().mapToLong(Row::contactsAvoided).sum();
        return new ContactsAvoided(
                range.from(),
                range.to(),
                saving,
                total,
                saving.multiply(BigDecimal.valueOf(total)),
                List.copyOf(byService.values()),
                rows);
    }

    /** The same report for a spreadsheet: one row per day and service, then the total. */
    @GetMapping("/contacts-avoided.csv")
    void contactsAvoidedCsv(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        ContactsAvoided report = contactsAvoided(from, to);
        CsvExportController.write(
                response,
                "contacts-avoided",
                new String[] {
                    "day",
                    "service",
                    "name",
                    "contacts_avoided",
                    "saving_per_contact_gbp",
                    "cost_saved_gbp"
                },
                csv -> {
                    for (Row row : report.days()) {
                        csv.row(
                                row.day(),
                                row.serviceCode(),
                                row.serviceName(),
                                row.contactsAvoided(),
                                report.savingPerContact(),
                                row.costSaved());
                    }
                    csv.row(
                            "all",
                            "all",
                            report.from() + " to " + report.to(),
                            report.totalContactsAvoided(),
                            report.savingPerContact(),
                            report.totalCostSaved());
                });
    }

    /**
     * The report.
     *
     * @param savingPerContact a phone contact's unit cost minus a web one's, in pounds
     */
    record ContactsAvoided(
            LocalDate from,
            LocalDate to,
            BigDecimal savingPerContact,
            long totalContactsAvoided,
            BigDecimal totalCostSaved,
            List<ServiceTotal> byService,
            List<Row> days) {}

    /** The range's contacts avoided for one service. */
    record ServiceTotal(
            String serviceCode, String serviceName, long contactsAvoided, BigDecimal costSaved) {}

    /**
     * One day's contacts avoided for one service ({@code ""} for pages that answer none).
     *
     * @param serviceName the catalogue's name for it, as the other measures show it
     * @param costSaved in pounds
     */
    record Row(
            LocalDate day,
            String serviceCode,
            String serviceName,
            long contactsAvoided,
            BigDecimal costSaved) {}
}
