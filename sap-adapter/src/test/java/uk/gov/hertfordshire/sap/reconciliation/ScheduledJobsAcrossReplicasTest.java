package uk.gov.hertfordshire.sap.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.testsupport.Replicas;
import uk.gov.hertfordshire.sap.SapAdapterApplication;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sap.hr.HrSweepSchedule;
import uk.gov.hertfordshire.sap.hr.OrgUnitSync;
import uk.gov.hertfordshire.sap.hr.StaffSync;
import uk.gov.hertfordshire.sap.posting.PostingWorker;
import uk.gov.hertfordshire.sapsimulator.Faults;
import uk.gov.hertfordshire.sapsimulator.Organisation;

/**
 * Two instances of the adapter on one database (as the cluster mode runs them) run each scheduled
 * job that calls SAP at the same moment: the posting worker, the HR delta, the nightly HR sweep and
 * the morning reconciliation. Each posting reaches SAP once and the day's reconciliation and the
 * night's sweep run once, also when the second instance's schedule fires after the first's run has
 * finished; beside each, the positive control that the second instance does the work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledJobsAcrossReplicasTest extends SapIntegrationTest {

    static final int FEES = 70; // more than one claim's batch (50), so both instances get some
    static final Instant PAID = Instant.parse("2026-10-05T11:00:00Z");
    static final String RECORDED = "uk.gov.hertfordshire.sap.finance.posting-recorded.v1";
    static final String MISMATCH =
            "uk.gov.hertfordshire.sap.finance.reconciliation-mismatch-found.v1";

    @Autowired Environment environment;
    @Autowired PostingWorker worker;
    @Autowired ReconciliationSchedule schedule;
    @Autowired StaffSync sync;
    @Autowired OrgUnitSync orgUnits;
    @Autowired HrSweepSchedule sweeps;

    ConfigurableApplicationContext replica;

    @BeforeAll
    void startTheSecondInstance() {
        replica =
                Replicas.startAnother(
                        SapAdapterApplication.class,
                        environment,
                        List.of("platform.sap.base-url", "platform.sap.hr-base-url"),
                        // A short lease, so a test can let it run out while SAP answers slowly.
                        Map.of(
                                "platform.sap.scheduling",
                                "false",
                                "platform.sap.postings.lease",
                                "PT2S"));
    }

    @AfterAll
    void stopIt() {
        replica.close();
    }

    @Test
    void twoWorkersPostingAtOnceSendEachPostingToSapOnce() {
        Map<UUID, CaseFeePaid> fees = new LinkedHashMap<>();
        for (int i = 0; i < FEES; i++) {
            fees.put(UUID.randomUUID(), blueBadgeFee(1_000 + i, PAID));
        }
        send(fees);
        fees.keySet().forEach(this::awaitRecorded);
        PostingWorker other = replica.getBean(PostingWorker.class);

        List<Integer> settled = Replicas.atOnce(120, worker::postDue, other::postDue);

        for (UUID eventId : fees.keySet()) {
            assertThat(documentsFor(eventId)).as("SAP documents for %s", eventId).hasSize(1);
            assertThat(posting(eventId, "state")).isEqualTo("posted");
            assertThat(outboxRows(RECORDED, eventId)).as("posting recorded").isEqualTo(1);
        }
        assertThat(settled.get(0) + settled.get(1)).isGreaterThanOrEqualTo(FEES);
        // The positive control: both instances posted, so they really ran side by side.
        assertThat(settled).allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void aPostingWhoseLeaseRanOutIsSentOnlyByTheInstanceThatClaimedItLast() throws Exception {
        Map<UUID, CaseFeePaid> fees = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            fees.put(UUID.randomUUID(), blueBadgeFee(2_000 + i, PAID));
        }
        send(fees);
        fees.keySet().forEach(this::awaitRecorded);
        // Half a second a call: the second instance's batch outlives its two-second lease.
        SAP.faults().set(Faults.Mode.SLOW, Duration.ofMillis(500));
        PostingWorker slow = replica.getBean(PostingWorker.class);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(slow::postDue);
        await().atMost(Duration.ofSeconds(20))
                .alias("the lease ran out on postings still in the slow instance's batch")
                .until(() -> dueAgain(fees.keySet()) > 0);
        int second = worker.postDue();
        int firstSettled = first.get(60, TimeUnit.SECONDS);

        for (UUID eventId : fees.keySet()) {
            assertThat(documentsFor(eventId)).as("SAP documents for %s", eventId).hasSize(1);
            assertThat(posting(eventId, "state")).isEqualTo("posted");
        }
        // The positive control: each instance posted some of them.
        assertThat(firstSettled).isPositive();
        assertThat(second).isPositive();
    }

    @Test
    void theMorningReconciliationRunsOnceADayAcrossTwoInstances() {
        // A posting SAP does not hold in last month's period: each run reports it missing.
        UUID planted = plantMissingPosting();
        LocalDate today = LocalDate.now(ReconciliationController.LONDON);
        jdbc.sql("DELETE FROM reconciliation_run WHERE scheduled_on = :today")
                .param("today", today)
                .update();
        ReconciliationSchedule other = replica.getBean(ReconciliationSchedule.class);

        List<Boolean> ran = Replicas.atOnce(60, schedule::runOnce, other::runOnce);

        assertThat(ran).containsExactlyInAnyOrder(true, false);
        // The other's schedule fires later that morning, after the run: it does not run again.
        assertThat(other.runOnce()).isFalse();
        assertThat(schedule.runOnce()).isFalse();
        assertThat(scheduledRuns(today)).isEqualTo(1);
        assertThat(outboxRows(MISMATCH, planted)).isEqualTo(1);

        // The positive control: on another day (the day's run gone), the second instance runs it.
        jdbc.sql(
                        "UPDATE reconciliation_run SET scheduled_on = scheduled_on - 1 WHERE scheduled_on"
                                + " = :today")
                .param("today", today)
                .update();
        assertThat(other.runOnce()).isTrue();
        assertThat(scheduledRuns(today)).isEqualTo(1);
        assertThat(outboxRows(MISMATCH, planted)).isEqualTo(2);
    }

    @Test
    void twoHrReadsAtOncePublishEachStaffChangeOnce() {
        StaffSync other = replica.getBean(StaffSync.class);
        sync.sync(); // what SAP HR holds so far, so the test's changes are what is new
        List<String> staff =
                SAP.organisation().employeesChangedAfter(Instant.EPOCH).stream()
                        .map(Organisation.Employee::userId)
                        .sorted()
                        .toList();
        List<String> changed = staff.subList(staff.size() - 10, staff.size());
        changed.forEach(id -> SAP.organisation().change(id, null, null, null));
        long before = lastOutboxId();

        List<Integer> read = Replicas.atOnce(60, sync::sync, other::sync);

        // One read them; the other found the lock taken (-1) or, after it, nothing new (0).
        assertThat(read).contains(changed.size());
        assertThat(read.get(0) + read.get(1)).isBetween(changed.size() - 1, changed.size());
        assertThat(staffChanges(before)).isEqualTo(onceEach(changed));

        // The positive control: the second instance alone reads the next change.
        long later = lastOutboxId();
        SAP.organisation().change(changed.get(0), null, null, null);
        assertThat(other.sync()).isEqualTo(1);
        assertThat(staffChanges(later)).isEqualTo(onceEach(changed.subList(0, 1)));
    }

    @Test
    void theNightlyHrSweepRunsOnceAcrossTwoInstances() {
        orgUnits.sync();
        sync.sync(); // the sweep compares what lies behind the delta's marks
        jdbc.sql("DELETE FROM hr_sweep").update(); // tonight's sweep not yet done
        HrSweepSchedule other = replica.getBean(HrSweepSchedule.class);

        List<Integer> swept = Replicas.atOnce(120, sweeps::sweepDue, other::sweepDue);

        // Org units and staff, each swept by one instance (the other found it busy or done).
        assertThat(swept.get(0) + swept.get(1)).isEqualTo(2);
        // The other's schedule fires later that night, after the sweeps: neither sweeps again.
        assertThat(other.sweepDue()).isZero();
        assertThat(sweeps.sweepDue()).isZero();
        assertThat(hrSweeps("User")).isEqualTo(1);
        assertThat(hrSweeps("FODepartment")).isEqualTo(1);

        // The positive control: the next night (the sweeps a day back), the second one sweeps both.
        jdbc.sql(
                        "UPDATE hr_sweep SET started_at = started_at - interval '1 day',"
                                + " finished_at = finished_at - interval '1 day'")
                .update();
        assertThat(other.sweepDue()).isEqualTo(2);
        assertThat(hrSweeps("User")).isEqualTo(2);
        assertThat(hrSweeps("FODepartment")).isEqualTo(2);
    }

    private int hrSweeps(String entity) {
        return jdbc.sql("SELECT count(*) FROM hr_sweep WHERE entity = :entity")
                .param("entity", entity)
                .query(Integer.class)
                .single();
    }

    /** Staff-member-changed events written after outbox row {@code after}, per staff member. */
    private Map<String, Long> staffChanges(long after) {
        Map<String, Long> copies = new java.util.HashMap<>();
        jdbc.sql(
                        "SELECT message_key FROM platform.outbox WHERE id > :after AND event_type ="
                                + " 'uk.gov.hertfordshire.sap.hr.staff-member-changed.v1'")
                .param("after", after)
                .query(String.class)
                .list()
                .forEach(key -> copies.merge(key, 1L, Long::sum));
        return copies;
    }

    private static Map<String, Long> onceEach(List<String> keys) {
        Map<String, Long> once = new java.util.HashMap<>();
        keys.forEach(key -> once.put(key, 1L));
        return once;
    }

    private UUID plantMissingPosting() {
        UUID sourceEventId = UUID.randomUUID();
        LocalDate lastMonth =
                YearMonth.now(ReconciliationController.LONDON).minusMonths(1).atDay(2);
        jdbc.sql(
                        "INSERT INTO posting (id, source_event_id, source_event_type, subject,"
                                + " service_code, amount_pence, currency, posting_date,"
                                + " company_code, gl_account, cost_centre, offset_gl_account,"
                                + " state, next_attempt_at, sap_document, received_at, updated_at,"
                                + " posted_at) VALUES (:id, :source,"
                                + " 'uk.gov.hertfordshire.case.fee-paid.v1', 'planted',"
                                + " 'blue-badge', 1234, 'GBP', :date, 'HCC1', '41000000',"
                                + " 'HCC-ADM01', '11000000', 'posted', :now, 'NOT-IN-SAP', :now,"
                                + " :now, :now)")
                .param("id", UUID.randomUUID())
                .param("source", sourceEventId)
                .param("date", lastMonth)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        return sourceEventId;
    }

    /** Pending postings of these events whose next attempt (or lease) has come. */
    private int dueAgain(java.util.Collection<UUID> eventIds) {
        return jdbc.sql(
                        "SELECT count(*) FROM posting WHERE source_event_id IN (:ids) AND state ="
                                + " 'pending' AND next_attempt_at <= now()")
                .param("ids", eventIds)
                .query(Integer.class)
                .single();
    }

    private int scheduledRuns(LocalDate day) {
        return jdbc.sql("SELECT count(*) FROM reconciliation_run WHERE scheduled_on = :day")
                .param("day", day)
                .query(Integer.class)
                .single();
    }

    /** Outbox events of the type about the source event. */
    private int outboxRows(String type, UUID sourceEventId) {
        return jdbc.sql(
                        "SELECT count(*) FROM platform.outbox WHERE event_type = :type AND"
                                + " CAST(convert_from(payload, 'UTF8') AS jsonb) ->>"
                                + " 'sourceEventId' = :source")
                .param("type", type)
                .param("source", sourceEventId.toString())
                .query(Integer.class)
                .single();
    }
}
