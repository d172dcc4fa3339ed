package uk.gov.hertfordshire.sap.hr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Runs the full sweep of SAP HR (org units, then staff; {@link FullSweep}) on its schedule, {@code
 * platform.sap.hr.full-sweep.cron} (02:15 Europe/London, at night, when few records are being
 * changed), with retries that night, {@code platform.sap.hr.full-sweep.retry-cron} (02:45, 03:45
 * and 04:45), and, where {@code platform.sap.hr.full-sweep.at-start} is set (off by default), once
 * shortly after start-up if an entity has never been swept (after {@code
 * platform.sap.hr.full-sweep.initial-delay}). Off by default: on a new platform the delta's first
 * read has just read everything, and a sweep a minute later would only repeat it while the platform
 * is settling (and being measured); after an upgrade the first sweep is that night's.
 *
 * <p>An entity is due when its last completed sweep began before the night's firing: the latest
 * firing of the nightly cron at or before now. Every replica's schedule fires, nightly and at each
 * retry; whichever instance takes the HR sweep lock first sweeps what is due, and the others (or a
 * retry, once it is done) find it swept. A sweep that failed (SAP not answering, an answer it
 * cannot read, the database) records nothing, so the next retry that night sweeps that entity
 * again, and only it. A firing counts as the one it stands for up to {@link #EARLY} before it: a
 * replica whose clock or scheduler fires a few milliseconds early sweeps for that night, and the
 * other's firing just after finds it done. {@code -} as the cron switches the nightly sweep (and
 * its retries) off.
 */
@Component
public class HrSweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(HrSweepSchedule.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /**
     * How early a firing may come and still stand for the night's: more than clocks between
     * replicas and a scheduler firing early differ by, far less than a day between nightly sweeps.
     */
    static final Duration EARLY = Duration.ofMinutes(1);

    private final List<FullSweep<?>> sweeps;
    private final CronExpression cron;
    private final boolean atStart;
    private final Clock clock;

    HrSweepSchedule(
            OrgUnitSync orgUnits,
            StaffSync staff,
            @Value("${platform.sap.hr.full-sweep.cron:0 15 2 * * *}") String cron,
            @Value("${platform.sap.hr.full-sweep.at-start:false}") boolean atStart,
            Clock clock) {
        // Teams first, so a consumer knows a team before the staff the same sweep moves into it.
        this.sweeps = List.of(orgUnits.fullSweep(), staff.fullSweep());
        this.cron =
                ScheduledTaskRegistrar.CRON_DISABLED.equals(cron)
                        ? null
                        : CronExpression.parse(cron);
        this.atStart = atStart;
        this.clock = clock;
    }

    @Scheduled(cron = "${platform.sap.hr.full-sweep.cron:0 15 2 * * *}", zone = "Europe/London")
    void nightly() {
        sweepDue();
    }

    /**
     * A retry that night: sweeps what the nightly firing (or an earlier retry) left due because it
     * failed; nothing if every entity was swept.
     */
    @Scheduled(
            cron = "${platform.sap.hr.full-sweep.retry-cron:0 45 2-4 * * *}",
            zone = "Europe/London")
    void retry() {
        if (cron != null) {
            sweepDue();
        }
    }

    @Scheduled(initialDelayString = "${platform.sap.hr.full-sweep.initial-delay:PT1M}")
    void afterStart() {
        if (atStart) {
            sweepNeverSwept();
        }
    }

    /**
     * Sweeps each entity whose sweep is due: never swept, or its last completed sweep began before
     * the night's firing (the latest firing of the nightly cron at or before now, counting one up
     * to {@link #EARLY} early as that firing). A replica whose schedule fires after the other's
     * sweep, and a retry after a sweep that completed, find it swept.
     *
     * @return how many entities this instance swept
     */
    public int sweepDue() {
        Instant now = clock.instant();
        return sweepWhere(lastSweep -> due(lastSweep, now));
    }

    private boolean due(Optional<Instant> lastSweep, Instant now) {
        if (lastSweep.isEmpty()) {
            return true;
        }
        if (cron == null) {
            return false;
        }
        // The night's firing, had this one come up to EARLY before it.
        Instant night = latestFiring(now.plus(EARLY));
        return night != null && lastSweep.get().isBefore(night.minus(EARLY));
    }

    /** The latest firing of the nightly cron at or before {@code at}; null if none in a year. */
    private Instant latestFiring(Instant at) {
        ZonedDateTime until = at.atZone(LONDON);
        for (Duration back = Duration.ofDays(1);
                back.compareTo(Duration.ofDays(400)) <= 0;
                back = back.multipliedBy(2)) {
            ZonedDateTime latest = null;
            for (ZonedDateTime firing = cron.next(until.minus(back));
                    firing != null && !firing.isAfter(until);
                    firing = cron.next(firing)) {
                latest = firing;
            }
            if (latest != null) {
                return latest.toInstant();
            }
        }
        return null;
    }

    /**
     * Sweeps each entity that has never been swept (the first start after the sweep was added).
     *
     * @return how many entities this instance swept
     */
    public int sweepNeverSwept() {
        return sweepWhere(Optional::isEmpty);
    }

    private int sweepWhere(Predicate<Optional<Instant>> due) {
        int swept = 0;
        for (FullSweep<?> sweep : sweeps) {
            try {
                if (sweep.sweep(due).status() == FullSweep.Status.SWEPT) {
                    swept++;
                }
            } catch (SapUnavailableException unavailable) {
                log.warn(
                        "Full sweep of {} not done, SAP HR did not answer ({}); the next firing"
                                + " tries again",
                        sweep.entityName(),
                        unavailable.getMessage());
            } catch (RuntimeException failed) {
                // Nothing of it committed; the other entity is still swept, and the next firing
                // tries this one again.
                log.error(
                        "Full sweep of {} failed; the next firing tries again",
                        sweep.entityName(),
                        failed);
            }
        }
        return swept;
    }
}
