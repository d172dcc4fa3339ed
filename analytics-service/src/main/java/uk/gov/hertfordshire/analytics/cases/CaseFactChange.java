package uk.gov.hertfordshire.analytics.cases;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a batch's events say about one case, folded in memory by the rules {@code case_fact} applies
 * to a row (see {@link CaseFacts}), so writing the change once leaves the row as applying the
 * events one at a time in the same order would:
 *
 * <ul>
 *   <li>a submission sets service, channel, area and submission time (the latest submission applied
 *       wins) and adds one to {@code times_counted}; any other event fills the service only where
 *       none is known;
 *   <li>status, due time, team and resolution each keep the value of the newest event by the time
 *       it happened (a tie goes to the one applied later);
 *   <li>the reopening time is the latest.
 * </ul>
 */
final class CaseFactChange {

    String serviceCode;
    boolean submitted;
    String channel;
    String area;
    Instant submittedAt;
    LocalDate submittedDay;
    int timesCounted;
    String status;
    Instant statusAt;
    Instant dueAt;
    Instant dueSetAt;
    String teamCode;
    Instant teamAt;
    Instant resolvedAt;
    LocalDate resolvedDay;
    Instant resolveDueAt;
    Long resolveSeconds;
    Instant reopenedAt;

    void submitted(
            String serviceCode,
            String channel,
            String area,
            Instant at,
            LocalDate day,
            Instant dueAt) {
        this.serviceCode = serviceCode;
        this.submitted = true;
        this.channel = channel;
        this.area = area;
        this.submittedAt = at;
        this.submittedDay = day;
        this.timesCounted++;
        status(null, "submitted", at);
        if (dueAt != null) {
            due(dueAt, at);
        }
    }

    /** A status as of {@code at}; the service fills only a case that has none. */
    void status(String serviceCode, String status, Instant at) {
        if (this.serviceCode == null) {
            this.serviceCode = serviceCode;
        }
        if (statusAt == null || !at.isBefore(statusAt)) {
            this.status = status;
            this.statusAt = at;
        }
    }

    void due(Instant dueAt, Instant setAt) {
        if (dueSetAt == null || !setAt.isBefore(dueSetAt)) {
            this.dueAt = dueAt;
            this.dueSetAt = setAt;
        }
    }

    void team(String teamCode, Instant at) {
        if (teamAt == null || !at.isBefore(teamAt)) {
            this.teamCode = teamCode;
            this.teamAt = at;
        }
    }

    void resolved(Instant at, LocalDate day, Instant dueAt, long seconds) {
        if (resolvedAt == null || !at.isBefore(resolvedAt)) {
            this.resolvedAt = at;
            this.resolvedDay = day;
            this.resolveDueAt = dueAt;
            this.resolveSeconds = seconds;
        }
    }

    void reopened(Instant at) {
        if (reopenedAt == null || at.isAfter(reopenedAt)) {
            reopenedAt = at;
        }
    }
}
