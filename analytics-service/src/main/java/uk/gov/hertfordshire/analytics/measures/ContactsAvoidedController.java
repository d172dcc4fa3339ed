package uk.gov.hertfordshire.analytics.measures;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.projection.Generations;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * {@code /api/analytics/contacts-avoided}: self-service resolutions ("this answered my question")
 * per day and service over {@code from}–{@code to}, each valued at what a phone contact costs
 * beyond a web one ({@code analytics.unit-costs}), for analysts and administrators.
 */
@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class ContactsAvoidedController {

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
                                "SELECT day, dimension AS service_code, n AS contacts FROM"
                                        + " daily_count WHERE generation = :generation AND"
                                        + " measure = :measure AND day BETWEEN :from AND :to"
                                        + " ORDER BY day, dimension")
                        .param("generation", generations.served())
                        .param("measure", "content.self_service")
                        .param("from", range.from())
                        .param("to", range.to())
                        .query(
                                (rs, n) -> {
                                    long contacts = rs.getLong("contacts");
                                    return new Row(
                                            rs.getObject("day", LocalDate.class),
                                            rs.getString("service_code"),
                                            contacts,
                                            saving.multiply(BigDecimal.valueOf(contacts)));
                                })
                        .list();
        long total = rows.stream().mapToLong(Row::contactsAvoided).sum();
        return new ContactsAvoided(
                range.from(),
                range.to(),
                saving,
                total,
                saving.multiply(BigDecimal.valueOf(total)),
                rows);
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
            List<Row> days) {}

    /**
     * One day's contacts avoided for one service ({@code ""} for pages that answer none).
     *
     * @param costSaved in pounds
     */
    record Row(LocalDate day, String serviceCode, long contactsAvoided, BigDecimal costSaved) {}
}
