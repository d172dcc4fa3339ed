package uk.gov.hertfordshire.platform.events.care;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * One hour of care-service's access audit, as counts only: how many reads and writes of referrals
 * there were, by action and purpose. No actor, no referral and nothing read: who saw which record
 * stays in the audit itself, for care managers and admins. Emitted once per hour, empty hours
 * included, so a missing hour means "not counted yet", never "nothing happened".
 *
 * @param periodStart the hour's start (inclusive), on the hour
 * @param periodEnd the hour's end (exclusive)
 * @param counts one entry per action and purpose seen in the hour, no repeats; empty if none
 */
public record AccessAuditCounted(Instant periodStart, Instant periodEnd, List<Count> counts)
        implements DomainEvent {

    public static final EventType<AccessAuditCounted> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.care.access-audit-counted.v1",
                    Topics.CARE,
                    "/care-service",
                    AccessAuditCounted.class);

    /** The Kafka key of every period, so the periods stay in order on one partition. */
    public static final String AGGREGATE_ID = "access-audit";

    public AccessAuditCounted {
        EventFields.required(periodStart, "periodStart");
        EventFields.required(periodEnd, "periodEnd");
        if (!periodEnd.equals(periodStart.plus(Duration.ofHours(1)))
                || periodStart.getEpochSecond() % 3_600 != 0
                || periodStart.getNano() != 0) {
            throw new IllegalArgumentException("a period is one whole hour, on the hour");
        }
        counts = EventFields.distinct(counts, "counts");
        if (counts.stream().map(count -> count.action() + "|" + count.purpose()).distinct().count()
                != counts.size()) {
            throw new IllegalArgumentException("counts must not repeat an action and purpose");
        }
    }

    @Override
    public String aggregateId() {
        return AGGREGATE_ID;
    }

    @Override
    public Instant occurredAt() {
        return periodEnd;
    }

    /**
     * How many accesses of one kind.
     *
     * @param action e.g. {@code referral.read}, {@code referral.create}
     * @param purpose e.g. {@code triage}, {@code referrer-status}, {@code subject-access}
     * @param accesses how many, at least one
     */
    public record Count(String action, String purpose, long accesses) {

        public Count {
            EventFields.matching(action, EventFields.CODE, "action");
            EventFields.matching(purpose, EventFields.CODE, "purpose");
            if (accesses < 1) {
                throw new IllegalArgumentException("accesses must be at least 1");
            }
        }
    }
}
