package uk.gov.hertfordshire.sap.hr;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.client.RestClient;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sap.connection.SapHr;
import uk.gov.hertfordshire.sap.connection.SuccessFactorsClient;
import uk.gov.hertfordshire.sapsimulator.Faults;
import uk.gov.hertfordshire.sapsimulator.Organisation;
import uk.gov.hertfordshire.sapsimulator.SapSimulator;

/**
 * When the nightly HR sweep runs, on a clock the test sets: a night whose sweep failed (SAP down,
 * or failing between two pages of staff) is swept again by a later firing that night, which sweeps
 * only what is still due; an error other than SAP not answering, in one entity, does not stop the
 * other being swept and is counted; and a firing a few milliseconds early on one replica does not
 * make the other's firing sweep again. Each beside its positive control.
 */
class HrSweepScheduleIntegrationTest extends SapIntegrationTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String NIGHTLY = "0 15 2 * * *";
    // A generated staff member no other test changes: changed in SAP, found on the sweep's first
    // page.
    static final String ON_THE_FIRST_PAGE = "00020013";

    @Autowired SapHr sap;
    @Autowired Outbox outbox;
    @Autowired TransactionOperations transactions;
    @Autowired HrDelta delta;
    @Autowired MeterRegistry meters;
    @Autowired Environment environment;
    @Autowired OrgUnitSync orgUnits;
    @Autowired StaffSync staff;

    @Value("${platform.sap.hr.overlap:PT5M}")
    Duration overlap;

    /** A night a few days back, its sweep due at 02:15 London. */
    LocalDate night;

    @BeforeEach
    void readByTheDeltaAndNoSweepTonight() {
        orgUnits.sync();
        staff.sync(); // the sweep compares what lies behind the delta's marks
        jdbc.sql("DELETE FROM hr_sweep").update();
        night = LocalDate.now(LONDON).minusDays(3);
    }

    @Test
    void aNightWhoseSweepSapDidNotAnswerIsSweptByALaterFiringThatNight() {
        Instant firing = at(night, "02:15:00.100");
        recordSweeps(at(night.minusDays(1), "02:15:00.100")); // last night's, done
        double unavailable = runs("staff", "unavailable");
        SAP.faults().set(Faults.Mode.DOWN, Duration.ZERO);

        int swept = schedule(firing, sap).sweepDue();

        assertThat(swept).as("SAP down: nothing swept").isZero();
        assertThat(runs("staff", "unavailable")).isEqualTo(unavailable + 1);
        assertThat(sweeps("User")).as("nothing recorded").isEqualTo(1);

        SAP.faults().heal();
        Instant retry = nextFiring(firing);
        assertThat(retry)
                .as("a firing after the failed 02:15 sweep, that night")
                .isBefore(at(night, "05:00:00"));

        assertThat(schedule(retry, sap).sweepDue()).as("both swept at the retry").isEqualTo(2);
        assertThat(sweeps("User")).isEqualTo(2);
        assertThat(sweeps("FODepartment")).isEqualTo(2);
        // The positive control of the retry: the firing after it finds nothing due.
        Instant later = nextFiring(retry);
        assertThat(schedule(later, sap).sweepDue()).as("done; not swept again").isZero();
        assertThat(sweeps("User")).isEqualTo(2);
    }

    @Test
    void aSweepSapFailsBetweenPagesLeavesNothingAndALaterFiringSweepsIt() {
        Organisation.Employee before = SAP.organisation().employee(ON_THE_FIRST_PAGE).orElseThrow();
        Instant earliest = SAP.organisation().employeesChangedAfter(null).get(0).changedAt();
        // A change HR made visible late, stamped before everyone else's: first in SAP's order.
        SAP.organisation()
                .changeCommittedLate(
                        ON_THE_FIRST_PAGE, null, null, !before.active(), earliest.minusSeconds(1));
        try {
            Instant firing = at(night, "02:15:00.100");
            recordSweeps(at(night.minusDays(1), "02:15:00.100"));
            long beforeSweep = lastOutboxId();
            List<Integer> inTheSweep = new ArrayList<>();
            // 100 staff a page: the sweep reads page 1 (and appends its change to the outbox),
            // then SAP goes down before page 2.
            SapHr downAfterPageOne =
                    new PagedSapHr(
                            pages(100),
                            page -> {
                                if (inTheSweep.isEmpty()) {
                                    inTheSweep.add(staffChangesAfter(beforeSweep).size());
                                    SAP.faults().set(Faults.Mode.DOWN, Duration.ZERO);
                                }
                            });

            int swept = schedule(firing, downAfterPageOne).sweepDue();

            assertThat(inTheSweep)
                    .as("the first page's change was in the outbox, in the sweep's transaction")
                    .containsExactly(1);
            assertThat(swept).as("org units swept; staff not").isEqualTo(1);
            assertThat(staffChangesAfter(beforeSweep)).as("no outbox row left").isEmpty();
            assertThat(sweeps("User")).as("no hr_sweep row").isEqualTo(1);
            assertThat(sweeps("FODepartment")).isEqualTo(2);

            SAP.faults().heal();
            Instant retry = nextFiring(firing);
            assertThat(retry).isBefore(at(night, "05:00:00"));

            assertThat(schedule(retry, new PagedSapHr(pages(100), page -> {})).sweepDue())
                    .as("staff alone: org units were swept at 02:15")
                    .isEqualTo(1);
            assertThat(staffChangesAfter(beforeSweep))
                    .as("published by the retry, once")
                    .containsExactly(ON_THE_FIRST_PAGE);
            assertThat(sweeps("User")).isEqualTo(2);
            assertThat(sweeps("FODepartment")).isEqualTo(2);
        } finally {
            SAP.faults().heal();
            SAP.organisation().change(ON_THE_FIRST_PAGE, null, null, before.active());
            staff.sync();
        }
    }

    @Test
    void anErrorSweepingOrgUnitsIsCountedAndStaffAreStillSwept() {
        Instant firing = at(night, "02:15:00.100");
        recordSweeps(at(night.minusDays(1), "02:15:00.100"));
        double failed = runs("org_units", "failed");
        double completed = runs("staff", "completed");
        SapHr unreadableTeams =
                new PagedSapHr(
                        sap,
                        page -> {},
                        () -> {
                            throw new QueryTimeoutException(
                                    "canceling statement due to statement timeout");
                        });

        int swept = schedule(firing, unreadableTeams).sweepDue();

        assertThat(swept).as("staff swept after org units failed").isEqualTo(1);
        assertThat(runs("org_units", "failed")).isEqualTo(failed + 1);
        assertThat(sweeps("FODepartment")).as("org units not recorded").isEqualTo(1);
        // The positive control: staff were swept that same firing.
        assertThat(runs("staff", "completed")).isEqualTo(completed + 1);
        assertThat(sweeps("User")).isEqualTo(2);
    }

    @Test
    void aReplicaFiringAFewMillisecondsEarlyDoesNotMakeTheOtherSweepAgain() {
        // One replica's 02:15 firing came a few milliseconds early and swept both entities.
        recordSweeps(at(night, "02:14:59.995"));

        int swept = schedule(at(night, "02:15:00.200"), sap).sweepDue();

        assertThat(swept).as("the other replica's firing, just after").isZero();
        assertThat(sweeps("User")).isEqualTo(1);
        assertThat(sweeps("FODepartment")).isEqualTo(1);
        // The positive control: the next night (its firing early again), the sweep is due.
        assertThat(schedule(at(night.plusDays(1), "02:14:59.995"), sap).sweepDue()).isEqualTo(2);
        assertThat(sweeps("User")).isEqualTo(2);
        assertThat(schedule(at(night.plusDays(1), "02:15:00.200"), sap).sweepDue()).isZero();
    }

    /**
     * The schedule as an instance runs it at {@code now}: org units and staff read from {@code hr}
     * and swept by the clock stopped there (which the sweeps record as their start).
     */
    private HrSweepSchedule schedule(Instant now, SapHr hr) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new HrSweepSchedule(
                new OrgUnitSync(hr, outbox, transactions, delta, overlap, clock, meters),
                new StaffSync(hr, outbox, transactions, delta, overlap, clock, meters),
                NIGHTLY,
                false,
                clock);
    }

    /**
     * The first time after {@code after} that a firing of the HR sweep schedule comes, by its
     * {@code @Scheduled} crons as the application configures them.
     */
    private Instant nextFiring(Instant after) {
        List<Instant> next = new ArrayList<>();
        for (Method method : HrSweepSchedule.class.getDeclaredMethods()) {
            Scheduled scheduled = method.getAnnotation(Scheduled.class);
            if (scheduled == null || scheduled.cron().isEmpty()) {
                continue;
            }
            String cron = environment.resolveRequiredPlaceholders(scheduled.cron());
            if (ScheduledTaskRegistrar.CRON_DISABLED.equals(cron)) {
                continue;
            }
            ZoneId zone =
                    scheduled.zone().isEmpty()
                            ? ZoneId.systemDefault()
                            : ZoneId.of(scheduled.zone());
            Optional.ofNullable(CronExpression.parse(cron).next(after.atZone(zone)))
                    .ifPresent(at -> next.add(at.toInstant()));
        }
        return next.stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SuccessFactorsClient pages(int size) {
        return new SuccessFactorsClient(
                RestClient.builder()
                        .baseUrl(SAP.baseUrl())
                        .defaultHeaders(
                                headers ->
                                        headers.setBasicAuth(
                                                SapSimulator.DEFAULT_USER,
                                                SapSimulator.DEFAULT_PASSWORD))
                        .build(),
                size);
    }

    /** A sweep of both entities recorded as begun at {@code startedAt}. */
    private void recordSweeps(Instant startedAt) {
        for (String entity : List.of("FODepartment", "User")) {
            jdbc.sql(
                            "INSERT INTO hr_sweep (entity, started_at, finished_at, records_read,"
                                    + " published, skipped) VALUES (:entity, :at, :at, 0, 0, 0)")
                    .param("entity", entity)
                    .param("at", Timestamp.from(startedAt))
                    .update();
        }
    }

    private int sweeps(String entity) {
        return jdbc.sql("SELECT count(*) FROM hr_sweep WHERE entity = :entity")
                .param("entity", entity)
                .query(Integer.class)
                .single();
    }

    private double runs(String entity, String outcome) {
        return meters.counter("sap_hr_sweep_runs_total", "entity", entity, "outcome", outcome)
                .count();
    }

    /**
     * SAP HR read through {@code hr}, told of each page of staff after the sweep has handled it,
     * and (if {@code orgUnits} is set) with that in place of reading org units.
     */
    private record PagedSapHr(SapHr hr, Consumer<List<Employee>> afterPage, Runnable orgUnits)
            implements SapHr {

        PagedSapHr(SapHr hr, Consumer<List<Employee>> afterPage) {
            this(hr, afterPage, null);
        }

        @Override
        public void employeesChangedSince(Instant since, Consumer<List<Employee>> page) {
            hr.employeesChangedSince(
                    since,
                    records -> {
                        page.accept(records);
                        afterPage.accept(records);
                    });
        }

        @Override
        public void orgUnitsChangedSince(Instant since, Consumer<List<OrgUnit>> page) {
            if (orgUnits != null) {
                orgUnits.run();
            }
            hr.orgUnitsChangedSince(since, page);
        }
    }
}
