package uk.gov.hertfordshire.sap.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private long lastOutboxId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM platform.outbox")
                .query(Long.class)
                .single();
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

    /** The staff members of staff-member-changed events written after outbox row {@code after}. */
    private List<String> staffChangesAfter(long after) {
        return jdbc.sql(
                        "SELECT message_key FROM platform.outbox WHERE id > :after AND event_type ="
                                + " :type ORDER BY id")
                .param("after", after)
                .param("type", StaffMemberChanged.TYPE.type())
                .query(String.class)
                .list();
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
