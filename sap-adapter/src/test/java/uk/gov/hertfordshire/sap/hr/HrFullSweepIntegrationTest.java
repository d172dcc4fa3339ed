package uk.gov.hertfordshire.sap.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.Organisation;

/**
 * The nightly full sweep of SAP HR: a change SuccessFactors makes visible later than the delta's
 * overlap (stamped more than 5 minutes before the mark) is never read by the delta again, and the
 * sweep publishes it, once; beside it the positive control, a change made visible late but inside
 * the overlap, which the delta reads. A sweep when nothing changed publishes nothing, and a change
 * the delta has not read yet is left to it.
 */
class HrFullSweepIntegrationTest extends SapIntegrationTest {

    // Generated staff no other test changes: one made visible inside the overlap, one beyond it,
    // one changed as usual.
    static final String INSIDE = "00020007";
    static final String BEYOND = "00020009";
    static final String USUAL = "00020011";
    // Generated staff no other test changes, for the comparisons below.
    static final String SAME_STAMP = "00020015";
    static final String NEW_STAMP = "00020017";
    static final String NO_HASH = "00020019";
    static final String NO_HASH_CHANGED = "00020021";
    static final String BACK_DATED = "00020023";
    static final String FORWARD_DATED = "00020025";

    @Autowired StaffSync sync;
    @Autowired OrgUnitSync orgUnits;
    @Autowired MeterRegistry meters;

    @Value("${platform.sap.hr.overlap:PT5M}")
    Duration overlap;

    @Test
    void aChangeMadeVisibleLaterThanTheOverlapIsMissedByTheDeltaAndPublishedByTheSweep() {
        sync.sync();
        Instant mark =
                jdbc.sql("SELECT changed_since FROM hr_delta WHERE entity = 'User'")
                        .query((rs, row) -> rs.getTimestamp(1).toInstant())
                        .single();
        Organisation.Employee inside = SAP.organisation().employee(INSIDE).orElseThrow();
        Organisation.Employee beyond = SAP.organisation().employee(BEYOND).orElseThrow();
        Instant insideStamp = mark.minusMillis(1);
        Instant beyondStamp = mark.minus(overlap).minus(Duration.ofMinutes(1));
        assertThat(inside.changedAt()).as("INSIDE's change before").isBefore(insideStamp);
        assertThat(beyond.changedAt()).as("BEYOND's change before").isBefore(beyondStamp);
        // HR's changes to both commit only now, after the read: one stamped inside the next
        // read's overlap (the positive control), one stamped a minute before it.
        SAP.organisation().changeCommittedLate(INSIDE, null, null, !inside.active(), insideStamp);
        SAP.organisation().changeCommittedLate(BEYOND, null, null, !beyond.active(), beyondStamp);
        try {
            long beforeDelta = lastOutboxId();

            int read = sync.sync();

            assertThat(read).as("the delta: the change inside the overlap").isEqualTo(1);
            assertThat(staffChangesAfter(beforeDelta))
                    .as("the delta publishes INSIDE and misses BEYOND")
                    .containsExactly(INSIDE);
            assertThat(sync.sync()).as("and misses it at every later read").isZero();
            long beforeSweep = lastOutboxId();
            double sweptBefore = meters.counter("sap_hr_staff_sweep_published_total").count();

            FullSweep.Result swept = sync.sweep();

            assertThat(swept.status()).isEqualTo(FullSweep.Status.SWEPT);
            assertThat(swept.read())
                    .as("everyone")
                    .isGreaterThanOrEqualTo(SAP.organisation().size());
            assertThat(swept.published()).as("BEYOND alone").isEqualTo(1);
            assertThat(staffChangesAfter(beforeSweep))
                    .as("the sweep publishes BEYOND, and not INSIDE again")
                    .containsExactly(BEYOND);
            assertThat(meters.counter("sap_hr_staff_sweep_published_total").count())
                    .isEqualTo(sweptBefore + 1);
            assertThat(
                            meters.counter(
                                            "sap_hr_sweep_runs_total",
                                            "entity",
                                            "staff",
                                            "outcome",
                                            "completed")
                                    .count())
                    .isPositive();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(changesFor(BEYOND))
                                            .anySatisfy(
                                                    late -> {
                                                        assertThat(late.active())
                                                                .isEqualTo(!beyond.active());
                                                        assertThat(late.effectiveAt())
                                                                .isEqualTo(beyondStamp);
                                                    }));

            long afterSweep = lastOutboxId();
            assertThat(sync.sweep().published()).as("a second sweep publishes nothing").isZero();
            assertThat(sync.sync()).as("nor does the delta").isZero();
            assertThat(staffChangesAfter(afterSweep)).isEmpty();
        } finally {
            SAP.organisation().change(INSIDE, null, null, inside.active());
            SAP.organisation().change(BEYOND, null, null, beyond.active());
            sync.sync();
        }
    }

    @Test
    void aSweepWhenNothingChangedPublishesNothing() {
        orgUnits.sync();
        sync.sync();
        long before = lastOutboxId();

        FullSweep.Result units = orgUnits.sweep();
        FullSweep.Result staff = sync.sweep();

        assertThat(units.status()).isEqualTo(FullSweep.Status.SWEPT);
        assertThat(staff.status()).isEqualTo(FullSweep.Status.SWEPT);
        assertThat(staff.read()).isGreaterThanOrEqualTo(SAP.organisation().size());
        // The generated staff were last changed months ago: each compared with what the delta's
        // first read published of them, and found the same.
        assertThat(staff.unchanged())
                .as("compared with what the delta published")
                .isGreaterThan(SAP.organisation().size() / 2);
        assertThat(units.published()).isZero();
        assertThat(staff.published()).isZero();
        assertThat(staff.skipped()).isZero();
        assertThat(hrEventsAfter(before)).as("no HR event in the outbox").isZero();
        assertThat(
                        jdbc.sql(
                                        "SELECT count(*) FROM hr_sweep WHERE entity = 'User' AND"
                                                + " published = 0 AND records_read = :read")
                                .param("read", staff.read())
                                .query(Integer.class)
                                .single())
                .as("the sweep recorded")
                .isPositive();
    }

    @Test
    void aChangeTheDeltaHasNotReadYetIsLeftToItAndPublishedOnce() {
        sync.sync();
        boolean active = SAP.organisation().employee(USUAL).orElseThrow().active();
        SAP.organisation().change(USUAL, null, null, !active); // stamped now, after the mark
        try {
            long before = lastOutboxId();

            FullSweep.Result swept = sync.sweep();
            int read = sync.sync();

            assertThat(swept.published()).as("the sweep leaves it to the delta").isZero();
            assertThat(read).as("the delta reads it").isEqualTo(1);
            assertThat(staffChangesAfter(before)).as("published once").containsExactly(USUAL);
        } finally {
            SAP.organisation().change(USUAL, null, null, active);
            sync.sync();
        }
    }

    @Test
    void aSweepComparesContentNotChangeTimes() {
        sync.sync();
        Organisation.Employee same = SAP.organisation().employee(SAME_STAMP).orElseThrow();
        Organisation.Employee restamped = SAP.organisation().employee(NEW_STAMP).orElseThrow();
        assertThat(publishedAt(SAME_STAMP)).isEqualTo(same.changedAt());
        // HR's import changes one without a new stamp, and stamps the other anew changing nothing;
        // both long before the delta's mark.
        SAP.organisation()
                .changeCommittedLate(SAME_STAMP, null, null, !same.active(), same.changedAt());
        SAP.organisation()
                .changeCommittedLate(
                        NEW_STAMP, null, null, null, restamped.changedAt().plusSeconds(60));
        try {
            assertThat(sync.sync()).as("the delta sees neither").isZero();
            long before = lastOutboxId();

            FullSweep.Result swept = sync.sweep();

            assertThat(swept.published()).as("the changed content alone").isEqualTo(1);
            assertThat(staffChangesAfter(before)).containsExactly(SAME_STAMP);
        } finally {
            SAP.organisation().change(SAME_STAMP, null, null, same.active());
            SAP.organisation().change(NEW_STAMP, null, null, null);
            sync.sync();
        }
    }

    @Test
    void aRowThePreviousVersionWroteWithoutAHashGetsOneWithoutBeingPublished() {
        sync.sync();
        byte[] hash = hashOf(NO_HASH);
        assertThat(hash).isNotNull();
        Instant changed = publishedAt(NO_HASH_CHANGED);
        // As the version before the sweep left them: no hash; one published at its present change
        // time, the other at an earlier one (SAP has changed it since).
        jdbc.sql(
                        "UPDATE hr_delta_published SET content_sha256 = NULL WHERE entity = 'User'"
                                + " AND record_id IN (:ids)")
                .param("ids", List.of(NO_HASH, NO_HASH_CHANGED))
                .update();
        jdbc.sql(
                        "UPDATE hr_delta_published SET changed_at = changed_at - interval '1 day'"
                                + " WHERE entity = 'User' AND record_id = :id")
                .param("id", NO_HASH_CHANGED)
                .update();
        long before = lastOutboxId();

        FullSweep.Result swept = sync.sweep();

        assertThat(staffChangesAfter(before))
                .as("the one whose change time differs, not the one whose matches")
                .containsExactly(NO_HASH_CHANGED);
        assertThat(swept.published()).isEqualTo(1);
        assertThat(hashOf(NO_HASH)).as("the hash recorded").isEqualTo(hash);
        assertThat(publishedAt(NO_HASH))
                .isEqualTo(SAP.organisation().employee(NO_HASH).orElseThrow().changedAt());
        assertThat(hashOf(NO_HASH_CHANGED)).isNotNull();
        assertThat(publishedAt(NO_HASH_CHANGED)).isEqualTo(changed);
        long after = lastOutboxId();
        assertThat(sync.sweep().published()).as("nothing the next night").isZero();
        assertThat(staffChangesAfter(after)).isEmpty();
    }

    @Test
    void aChangeStampedBeforeWhatWasPublishedIsPublishedAtTheLaterTime() {
        sync.sync();
        Organisation.Employee back = SAP.organisation().employee(BACK_DATED).orElseThrow();
        Organisation.Employee forward = SAP.organisation().employee(FORWARD_DATED).orElseThrow();
        Instant published = publishedAt(BACK_DATED);
        Instant forwardStamp = publishedAt(FORWARD_DATED).plusSeconds(60);
        // An import stamps one change a day before what consumers hold of the staff member (they
        // would ignore an event that old), the other (the positive control) a minute after it.
        SAP.organisation()
                .changeCommittedLate(
                        BACK_DATED,
                        null,
                        null,
                        !back.active(),
                        published.minus(Duration.ofDays(1)));
        SAP.organisation()
                .changeCommittedLate(FORWARD_DATED, null, null, !forward.active(), forwardStamp);
        try {
            long before = lastOutboxId();

            FullSweep.Result swept = sync.sweep();

            assertThat(swept.published()).isEqualTo(2);
            StaffMemberChanged backDated = changeAfter(before, BACK_DATED);
            assertThat(backDated.active()).isEqualTo(!back.active());
            assertThat(backDated.effectiveAt())
                    .as("not older than what was published before")
                    .isEqualTo(published);
            assertThat(publishedAt(BACK_DATED)).isEqualTo(published);
            assertThat(changeAfter(before, FORWARD_DATED).effectiveAt()).isEqualTo(forwardStamp);
            assertThat(publishedAt(FORWARD_DATED)).isEqualTo(forwardStamp);
            long after = lastOutboxId();
            assertThat(sync.sweep().published()).as("published once").isZero();
            assertThat(staffChangesAfter(after)).isEmpty();
        } finally {
            SAP.organisation().change(BACK_DATED, null, null, back.active());
            SAP.organisation().change(FORWARD_DATED, null, null, forward.active());
            sync.sync();
        }
    }

    /** The change time remembered as last published of a staff member. */
    private Instant publishedAt(String staffId) {
        return jdbc.sql(
                        "SELECT changed_at FROM hr_delta_published WHERE entity = 'User' AND"
                                + " record_id = :id")
                .param("id", staffId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    /** The content hash remembered as last published of a staff member (null if none). */
    private byte[] hashOf(String staffId) {
        return jdbc.sql(
                        "SELECT content_sha256 FROM hr_delta_published WHERE entity = 'User' AND"
                                + " record_id = :id")
                .param("id", staffId)
                .query((rs, row) -> Optional.ofNullable(rs.getBytes(1)))
                .single()
                .orElse(null);
    }

    /**
     * The one staff-member-changed event for the staff member written after outbox row {@code
     * after}.
     */
    private StaffMemberChanged changeAfter(long after, String staffId) {
        byte[] payload =
                jdbc.sql(
                                "SELECT payload FROM platform.outbox WHERE id > :after AND"
                                        + " event_type = :type AND message_key = :id")
                        .param("after", after)
                        .param("type", StaffMemberChanged.TYPE.type())
                        .param("id", staffId)
                        .query((rs, row) -> rs.getBytes(1))
                        .single();
        return new EventSerializer().fromJson(payload, StaffMemberChanged.class);
    }

    /** HR events (staff and org units) written after outbox row {@code after}. */
    private int hrEventsAfter(long after) {
        return jdbc.sql(
                        "SELECT count(*) FROM platform.outbox WHERE id > :after AND event_type LIKE"
                                + " 'uk.gov.hertfordshire.sap.hr.%'")
                .param("after", after)
                .query(Integer.class)
                .single();
    }

    private List<StaffMemberChanged> changesFor(String staffId) {
        EventSerializer serializer = new EventSerializer();
        return published(Topics.SAP_HR).stream()
                .filter(e -> StaffMemberChanged.TYPE.type().equals(e.type()))
                .map(e -> serializer.fromJson(e.data(), StaffMemberChanged.class))
                .filter(changed -> changed.staffId().equals(staffId))
                .toList();
    }
}
