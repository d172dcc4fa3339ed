package uk.gov.hertfordshire.sap.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.sap.SapIntegrationTest;

/**
 * Staff and org unit changes in SAP HR reach {@code sap.hr.events}, leavers and wound-up teams
 * included, without names or emails.
 */
class StaffSyncIntegrationTest extends SapIntegrationTest {

    static final String DAN = "00010002";
    // The first of the simulator's generated staff, an officer in a team of its own.
    static final String OTHER = "00020000";
    // Another, whose change SAP commits late.
    static final String LATE = "00020005";

    @Autowired StaffSync sync;
    @Autowired OrgUnitSync orgUnits;
    @Autowired MeterRegistry meters;

    @Test
    void theFirstReadPublishesEveryoneAndALaterChangeIsPublishedOnItsOwn() {
        sync.sync();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                published(Topics.SAP_HR).stream()
                                                        .map(ReceivedEvent::subject)
                                                        .distinct()
                                                        .count())
                                        .as("everyone SAP HR holds")
                                        .isGreaterThanOrEqualTo(SAP.organisation().size()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(changesFor(DAN))
                                        .anySatisfy(
                                                dan -> {
                                                    assertThat(dan.teamCode())
                                                            .isEqualTo("HWY-INSPECT");
                                                    assertThat(dan.roleCodes())
                                                            .containsExactly("OFFICER");
                                                    assertThat(dan.active()).isTrue();
                                                }));

        SAP.organisation().change(DAN, null, null, false);
        int second = sync.sync();

        assertThat(second).as("only what changed since the last read").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(changesFor(DAN))
                                        .anySatisfy(dan -> assertThat(dan.active()).isFalse()));
    }

    @Test
    void noStaffEventCarriesANameOrAnEmail() {
        sync.sync();
        await().atMost(Duration.ofSeconds(30)).until(() -> !changesFor(DAN).isEmpty());
        List<ReceivedEvent> events = published(Topics.SAP_HR);
        assertThat(events)
                .allSatisfy(
                        e ->
                                assertThat(new String(e.data(), StandardCharsets.UTF_8))
                                        .doesNotContain("@", "Officer", "firstName", "email"));
    }

    @Test
    void everyOrgUnitIsPublishedUnderItsDirectorateAndALaterChangeOnItsOwn() {
        orgUnits.sync();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(orgUnitChangesFor("HWY-INSPECT"))
                                        .anySatisfy(
                                                unit -> {
                                                    assertThat(unit.parentCode())
                                                            .isEqualTo("DIR-ENV");
                                                    assertThat(unit.costCentre())
                                                            .isEqualTo("CC4100");
                                                    assertThat(unit.active()).isTrue();
                                                }));
        assertThat(orgUnitChangesFor("LIBRARIES")).as("every team, not only one").isNotEmpty();

        SAP.organisation().changeDepartment("ROW", false);
        int second = orgUnits.sync();

        assertThat(second).as("only the team wound up since the last read").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(orgUnitChangesFor("ROW"))
                                        .anySatisfy(unit -> assertThat(unit.active()).isFalse()));
        SAP.organisation().changeDepartment("ROW", true);
    }

    @Test
    void aRecordTheContractRefusesIsCountedAndPassedOverWhileTheRestOfTheReadIsPublished() {
        sync.sync();
        double skipped = meters.counter("sap_hr_staff_skipped_total").count();
        List<String> danRoles = SAP.organisation().employee(DAN).orElseThrow().roles();
        boolean otherActive = SAP.organisation().employee(OTHER).orElseThrow().active();
        // A role code starting with "#" breaks staff-member-changed's contract; the other is fine.
        SAP.organisation().change(DAN, null, List.of("#OFFICER"), null);
        SAP.organisation().change(OTHER, null, null, !otherActive);
        try {
            int published = sync.sync();

            assertThat(published).as("the usable change alone").isEqualTo(1);
            assertThat(meters.counter("sap_hr_staff_skipped_total").count())
                    .as("the refused record counted")
                    .isEqualTo(skipped + 1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(changesFor(OTHER))
                                            .anySatisfy(
                                                    other ->
                                                            assertThat(other.active())
                                                                    .isEqualTo(!otherActive)));
            assertThat(changesFor(DAN))
                    .noneSatisfy(dan -> assertThat(dan.roleCodes()).contains("#OFFICER"));
            assertThat(sync.sync()).as("a second read publishes neither again").isZero();
        } finally {
            SAP.organisation().change(DAN, null, danRoles, null);
            SAP.organisation().change(OTHER, null, null, otherActive);
            sync.sync();
        }
    }

    @Test
    void aChangeSapCommitsLateStampedBeforeTheMarkIsReadAndNothingUnchangedIsPublishedAgain() {
        sync.sync();
        HrMark mark =
                jdbc.sql("SELECT changed_since, last_id FROM hr_delta WHERE entity = 'User'")
                        .query(
                                (rs, row) ->
                                        new HrMark(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                        .single();
        assertThat(SAP.organisation().employee(mark.id()).orElseThrow().changedAt())
                .as("the last record read, unchanged, lies inside the next read's overlap")
                .isEqualTo(mark.changedAt());
        boolean lateActive = SAP.organisation().employee(LATE).orElseThrow().active();
        // HR's change to LATE committed after the read, stamped just before the mark.
        SAP.organisation()
                .changeCommittedLate(
                        LATE, null, null, !lateActive, mark.changedAt().minusMillis(1));
        try {
            long before = lastOutboxId();

            int published = sync.sync();

            assertThat(published).as("the late change, and nothing read again").isEqualTo(1);
            assertThat(staffChangesAfter(before)).as("published: LATE alone").containsExactly(LATE);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(changesFor(LATE))
                                            .anySatisfy(
                                                    late ->
                                                            assertThat(late.active())
                                                                    .isEqualTo(!lateActive)));
            assertThat(sync.sync()).as("a further read publishes nothing").isZero();
        } finally {
            SAP.organisation().change(LATE, null, null, lateActive);
            sync.sync();
        }
    }

    record HrMark(Instant changedAt, String id) {}

    private List<OrgUnitChanged> orgUnitChangesFor(String code) {
        EventSerializer serializer = new EventSerializer();
        return published(Topics.SAP_HR).stream()
                .filter(e -> OrgUnitChanged.TYPE.type().equals(e.type()))
                .map(e -> serializer.fromJson(e.data(), OrgUnitChanged.class))
                .filter(changed -> changed.orgUnitCode().equals(code))
                .toList();
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
