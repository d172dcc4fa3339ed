package uk.gov.hertfordshire.sap.hr;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
 * changed), and, where {@code platform.sap.hr.full-sweep.at-start} is set (off by default), once
 * shortly after start-up if an entity has never been swept (after {@code
 * platform.sap.hr.full-sweep.initial-delay}). Off by default: on a new platform the delta's first
 * read has just read everything, and a sweep a minute later would only repeat it while the platform
 * is settling (and being measured); after an upgrade the first sweep is that night's. Every
 * replica's schedule fires; an entity is swept when the schedule has come round since its last
 * recorded sweep began, by whichever instance takes the HR sweep lock first. {@code -} as the cron
 * switches the nightly sweep off.
 */
@Component
public class HrSweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(HrSweepSchedule.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

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

    @Scheduled(initialDelayString = "${platform.sap.hr.full-sweep.initial-delay:PT1M}")
    void afterStart() {
        if (atStart) {
            sweepNeverSwept();
        }
    }

    /**
     * Sweeps each entity whose sweep is due: never swept, or the schedule has fired since its last
     * sweep began (a replica whose schedule fires after the other's sweep finds it swept).
     *
     * @return how many entities this instance swept
     */
    public int sweepDue() {
        return sweepWhere(
                lastSweep ->
                        lastSweep.isEmpty()
                                || (cron != null
                                        && !cron.next(lastSweep.get().atZone(LONDON))
                                                .toInstant()
                                                .isAfter(clock.instant())));
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
            }
        }
        return swept;
    }
}
