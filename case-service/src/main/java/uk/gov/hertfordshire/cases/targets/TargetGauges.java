package uk.gov.hertfordshire.cases.targets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.platform.support.metrics.GaugeRows;

/**
 * Open cases per team approaching their response target (within the watch's window) and past it, as
 * gauges for operations ({@code case_targets_approaching_cases}, {@code
 * case_targets_breached_cases}; docs/observability.md). Counted from the cases themselves, not from
 * the watch's one-off events, so a case that is resolved or reassigned leaves the figure. Cases not
 * yet given to a team count under {@code team="unassigned"}.
 */
@Component
public class TargetGauges {

    private final CaseRepository cases;
    private final Clock clock;
    private final Duration approachingWithin;
    private final GaugeRows approaching;
    private final GaugeRows breached;

    TargetGauges(
            CaseRepository cases,
            Clock clock,
            MeterRegistry meters,
            @Value("${platform.cases.targets.approaching-within:PT4H}")
                    Duration approachingWithin) {
        this.cases = cases;
        this.clock = clock;
        this.approachingWithin = approachingWithin;
        this.approaching =
                new GaugeRows(
                        MultiGauge.builder("case.targets.approaching")
                                .description(
                                        "Open cases within the approaching window of their"
                                                + " response target")
                                .baseUnit("cases")
                                .register(meters));
        this.breached =
                new GaugeRows(
                        MultiGauge.builder("case.targets.breached")
                                .description("Open cases past their response target")
                                .baseUnit("cases")
                                .register(meters));
    }

    @Scheduled(fixedDelayString = "${platform.cases.targets.watch-interval:PT1M}", initialDelay = 0)
    public void refresh() {
        Instant now = Instant.now(clock);
        Map<Tags, Long> approachingRows = new HashMap<>();
        Map<Tags, Long> breachedRows = new HashMap<>();
        for (CaseRepository.TeamTargets counts :
                cases.targetsByTeam(now, now.plus(approachingWithin))) {
            Tags team = Tags.of("team", counts.team() == null ? "unassigned" : counts.team());
            approachingRows.put(team, counts.approaching());
            breachedRows.put(team, counts.breached());
        }
        approaching.set(approachingRows);
        breached.set(breachedRows);
    }
}
