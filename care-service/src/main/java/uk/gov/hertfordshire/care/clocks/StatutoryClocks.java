package uk.gov.hertfordshire.care.clocks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.platform.support.calendar.ResponseTarget;
import uk.gov.hertfordshire.platform.support.calendar.ResponseTarget.Unit;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * Starts and stops a referral's clocks, each due in working time (09:00–17:00 Europe/London,
 * England and Wales bank holidays skipped), and lists the running ones most urgent first.
 */
@Service
public class StatutoryClocks {

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final ClockProperties targets;

    StatutoryClocks(JdbcClient jdbc, WorkingCalendar calendar, ClockProperties targets) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.targets = targets;
    }

    /** Starts a new referral's clocks: triage by priority, and its decision clock if it has one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void start(
            UUID referralId, String ageGroup, String category, String priority, Instant at) {
        targetsFor(ageGroup, category, priority)
                .forEach((kind, target) -> insert(referralId, kind, at, target));
    }

    /** The clocks a new referral starts, with their targets. */
    Map<ClockKind, ResponseTarget> targetsFor(String ageGroup, String category, String priority) {
        Map<ClockKind, ResponseTarget> started = new EnumMap<>(ClockKind.class);
        started.put(ClockKind.TRIAGE, triageTarget(priority));
        if (ageGroup.equals("child")) {
            started.put(
                    ClockKind.CHILD_DECISION,
                    new ResponseTarget(targets.childDecisionDays(), Unit.WORKING_DAYS));
        } else if (category.equals("adult_safeguarding")) {
            started.put(
                    ClockKind.S42_DECISION,
                    new ResponseTarget(targets.s42DecisionDays(), Unit.WORKING_DAYS));
        }
        return started;
    }

    /** When each clock a new referral starts at {@code at} falls due. */
    Map<ClockKind, Instant> dueTimes(
            String ageGroup, String category, String priority, Instant at) {
        Map<ClockKind, Instant> due = new EnumMap<>(ClockKind.class);
        targetsFor(ageGroup, category, priority)
                .forEach((kind, target) -> due.put(kind, calendar.dueAt(at, target)));
        return due;
    }

    /** The child and family assessment's clock, counted from the referral's receipt. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void startAssessment(UUID referralId, Instant referralReceivedAt) {
        insert(
                referralId,
                ClockKind.CHILD_AND_FAMILY_ASSESSMENT,
                referralReceivedAt,
                new ResponseTarget(targets.assessmentDays(), Unit.WORKING_DAYS));
    }

    /** Stops the referral's running clocks of these kinds. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stop(UUID referralId, Instant at, ClockKind... kinds) {
        for (ClockKind kind : kinds) {
            jdbc.sql(
                            "UPDATE referral_clock SET stopped_at = :at WHERE referral_id = :id"
                                    + " AND kind = :kind AND stopped_at IS NULL")
                    .param("at", Timestamp.from(at))
                    .param("id", referralId)
                    .param("kind", kind.code())
                    .update();
        }
    }

    /** Every running clock, most urgent (earliest due) first. */
    @Transactional(readOnly = true)
    public List<RunningClock> running() {
        return jdbc.sql(
                        "SELECT c.referral_id, r.reference, r.category, r.priority, c.kind,"
                                + " c.started_at, c.due_at, c.approaching_at, c.breached_at FROM"
                                + " referral_clock c JOIN referral r ON r.id = c.referral_id"
                                + " WHERE c.stopped_at IS NULL ORDER BY c.due_at, c.referral_id")
                .query(
                        (rs, row) ->
                                new RunningClock(
                                        rs.getObject("referral_id", UUID.class),
                                        rs.getString("reference"),
                                        rs.getString("category"),
                                        rs.getString("priority"),
                                        rs.getString("kind"),
                                        rs.getTimestamp("started_at").toInstant(),
                                        rs.getTimestamp("due_at").toInstant(),
                                        rs.getTimestamp("approaching_at") != null,
                                        rs.getTimestamp("breached_at") != null))
                .list();
    }

    ResponseTarget triageTarget(String priority) {
        int hours =
                switch (priority) {
                    case "stat", "asap" -> targets.redHours();
                    case "urgent" -> targets.amberHours();
                    default -> targets.greenHours();
                };
        return new ResponseTarget(hours, Unit.WORKING_HOURS);
    }

    private void insert(UUID referralId, ClockKind kind, Instant startedAt, ResponseTarget target) {
        jdbc.sql(
                        "INSERT INTO referral_clock (referral_id, kind, started_at, due_at) VALUES"
                                + " (:id, :kind, :startedAt, :dueAt) ON CONFLICT DO NOTHING")
                .param("id", referralId)
                .param("kind", kind.code())
                .param("startedAt", Timestamp.from(startedAt))
                .param("dueAt", Timestamp.from(calendar.dueAt(startedAt, target)))
                .update();
    }

    /**
     * One running clock, for the care manager's view: codes and times only.
     *
     * @param approaching whether "approaching" has been emitted
     * @param breached whether "breached" has been emitted
     */
    public record RunningClock(
            UUID referralId,
            String reference,
            String category,
            String priority,
            String clock,
            Instant startedAt,
            Instant dueAt,
            boolean approaching,
            boolean breached) {}
}
