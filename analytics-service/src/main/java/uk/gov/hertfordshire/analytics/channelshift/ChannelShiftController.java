package uk.gov.hertfordshire.analytics.channelshift;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.projection.Generations;

/**
 * {@code /api/analytics}: contacts by channel, and the per-case ledger for reconciliation. For the
 * performance and improvement team (ANALYST) and administrators only: no other role, citizens
 * included, reads the council's demand figures.
 */
@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class ChannelShiftController {

    static final int MAX_PAGE = 1000;

    private final JdbcClient jdbc;
    private final Generations generations;

    ChannelShiftController(JdbcClient jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** Contacts per channel over all days, or between two Europe/London dates inclusive. */
    @GetMapping("/channels")
    ChannelTotals channels(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' must not be before 'from'");
        }
        List<ChannelCount> counts =
                jdbc.sql(
                                "SELECT channel, sum(contacts) AS contacts FROM contact_day"
                                        + " WHERE generation = :generation"
                                        + " AND (CAST(:from AS date) IS NULL OR day >= :from)"
                                        + " AND (CAST(:to AS date) IS NULL OR day <= :to)"
                                        + " GROUP BY channel ORDER BY channel")
                        .param("generation", generations.served())
                        .param("from", from)
                        .param("to", to)
                        .query((rs, n) -> new ChannelCount(rs.getString(1), rs.getLong(2)))
                        .list();
        long total = counts.stream().mapToLong(ChannelCount::contacts).sum();
        long digital =
                counts.stream()
                        .filter(c -> List.of("web", "app", "open311").contains(c.channel()))
                        .mapToLong(ChannelCount::contacts)
                        .sum();
        return new ChannelTotals(
                from, to, counts, total, total == 0 ? null : (double) digital / total);
    }

    /**
     * Every counted case with how often it was counted, in case id order, a page at a time ({@code
     * after} is the last id of the previous page).
     */
    @GetMapping("/contacts")
    List<CountedContact> contacts(
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        return jdbc.sql(
                        "SELECT case_id, channel, times_counted FROM case_fact"
                                + " WHERE generation = :generation AND times_counted > 0"
                                + " AND (CAST(:after AS uuid) IS NULL OR case_id > :after)"
                                + " ORDER BY case_id LIMIT :limit")
                .param("generation", generations.served())
                .param("after", after)
                .param("limit", limit)
                .query(
                        (rs, n) ->
                                new CountedContact(
                                        rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
                .list();
    }

    record ChannelCount(String channel, long contacts) {}

    record ChannelTotals(
            LocalDate from,
            LocalDate to,
            List<ChannelCount> channels,
            long totalContacts,
            Double digitalTakeUp) {}

    record CountedContact(UUID caseId, String channel, int timesCounted) {}
}
