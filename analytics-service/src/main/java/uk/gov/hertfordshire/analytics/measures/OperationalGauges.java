package uk.gov.hertfordshire.analytics.measures;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.CouncilTime;
import uk.gov.hertfordshire.analytics.projection.Generations;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * Live figures for Prometheus, read from the served generation at each scrape: the backlog, target
 * breaches found today, contacts today, digital take-up today, and contacts avoided today with what
 * they saved (Europe/London "today"). The backlog counts the served generation's cases, the one
 * gauge whose cost grows with the table (200 ms at 150,000 cases): it is counted at most once every
 * {@link #BACKLOG_MAX_AGE}, well inside Prometheus's 15 s between scrapes, so a client scraping
 * more often does not repeat it.
 */
@Component
class OperationalGauges {

    private static final List<String> DIGITAL =
            Arrays.stream(Channel.values())
                    .filter(Channel::isDigitalSelfService)
                    .map(Channel::wireValue)
                    .toList();

    /** How old a backlog count a scrape may get. */
    static final Duration BACKLOG_MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Generations generations;
    private final Clock clock;
    private final UnitCosts costs;
    private final Object backlogLock = new Object();
    private double backlog = Double.NaN;
    private Instant backlogCountedAt = Instant.MIN;

    OperationalGauges(
            JdbcClient jdbc,
            Generations generations,
            Clock clock,
            UnitCosts costs,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.clock = clock;
        this.costs = costs;
        Gauge.builder("analytics.backlog.cases", this, OperationalGauges::backlog)
                .description(
                        "Cases not finished now (submitted, triaged, assigned, in progress,"
                                + " reopened)")
                .register(meters);
        Gauge.builder("analytics.target.breaches.today", this, g -> g.countToday("target_breached"))
                .description("Response targets found breached today (Europe/London)")
                .register(meters);
        Gauge.builder("analytics.contacts.today", this, g -> g.contactsToday(false))
                .description("Contacts today through every channel (Europe/London)")
                .register(meters);
        Gauge.builder(
                        "analytics.digital.take.up.today",
                        this,
                        OperationalGauges::digitalTakeUpToday)
                .description("Share of today's contacts through web, app and Open311 (NaN: none)")
                .register(meters);
        Gauge.builder(
                        "analytics.contacts.avoided.today",
                        this,
                        g -> g.countToday(ContactsAvoidedController.MEASURE))
                .description(
                        "Contacts avoided today: 'this answered my question' on a content page,"
                                + " once for each service the page answers (Europe/London)")
                .register(meters);
        // In pence: Prometheus has no money unit, and "pounds" reads as a weight to its linter.
        Gauge.builder("analytics.contacts.avoided.saved.today", this, OperationalGauges::savedToday)
                .baseUnit("pence")
                .description(
                        "What today's contacts avoided saved: each a phone contact's unit cost"
                                + " less a web contact's")
                .register(meters);
    }

    private double savedToday() {
        return costs.of(Channel.PHONE)
                .subtract(costs.of(Channel.WEB))
                .movePointRight(2)
                .multiply(BigDecimal.valueOf(countToday(ContactsAvoidedController.MEASURE)))
                .doubleValue();
    }

    private double backlog() {
        synchronized (backlogLock) {
            Instant now = clock.instant();
            if (Double.isNaN(backlog) || !now.isBefore(backlogCountedAt.plus(BACKLOG_MAX_AGE))) {
                backlog = countBacklog();
                backlogCountedAt = now;
            }
            return backlog;
        }
    }

    private double countBacklog() {
        return jdbc.sql(
                        "SELECT count(*) FROM case_fact WHERE generation = :generation AND status"
                                + " IN (:open)")
                .param("generation", generations.served())
                .param("open", Measures.OPEN_STATUSES)
                .query(Long.class)
                .single();
    }

    private double countToday(String measure) {
        return jdbc.sql(
                        "SELECT coalesce(sum(n), 0) FROM daily_count WHERE generation ="
                                + " :generation AND day = :today AND measure = :measure")
                .param("generation", generations.served())
                .param("today", today())
                .param("measure", measure)
                .query(Long.class)
                .single();
    }

    private double contactsToday(boolean digitalOnly) {
        return jdbc.sql(
                        "SELECT coalesce(sum(contacts), 0) FROM contact_day WHERE generation ="
                                + " :generation AND day = :today AND (NOT :digitalOnly OR channel"
                                + " IN (:digital))")
                .param("generation", generations.served())
                .param("today", today())
                .param("digitalOnly", digitalOnly)
                .param("digital", DIGITAL)
                .query(Long.class)
                .single();
    }

    private double digitalTakeUpToday() {
        double all = contactsToday(false);
        return all == 0 ? Double.NaN : contactsToday(true) / all;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CouncilTime.ZONE));
    }
}
