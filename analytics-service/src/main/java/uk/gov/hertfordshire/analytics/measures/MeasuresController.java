package uk.gov.hertfordshire.analytics.measures;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.measures.Reports.ChannelShift;
import uk.gov.hertfordshire.analytics.measures.Reports.CostToServe;
import uk.gov.hertfordshire.analytics.measures.Reports.Demand;
import uk.gov.hertfordshire.analytics.measures.Reports.ServiceStandardReport;
import uk.gov.hertfordshire.analytics.measures.Reports.TimelinessReport;
import uk.gov.hertfordshire.analytics.projection.Generations;

/**
 * {@code /api/analytics/*}: the measures as JSON, over {@code from}–{@code to} (Europe/London
 * dates, inclusive; the last 28 days by default), for the performance and improvement team
 * (ANALYST) and administrators only.
 */
@RestController
@RequestMapping("/api/analytics")
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class MeasuresController {

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Measures measures;
    private final Generations generations;
    private final Clock clock;

    MeasuresController(Measures measures, Generations generations, Clock clock) {
        this.measures = measures;
        this.generations = generations;
        this.clock = clock;
    }

    /** Contacts by channel per day, ISO week or month, digital take-up, and the trend. */
    @GetMapping("/channel-shift")
    ChannelShift channelShift(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) LocalDate baselineFrom,
            @RequestParam(required = false) LocalDate baselineTo) {
        return measures.channelShift(
                generations.served(),
                ReportRange.of(from, to, clock),
                ReportRange.Granularity.parse(granularity),
                service(service),
                ReportRange.optional(baselineFrom, baselineTo, "baselineFrom", "baselineTo"));
    }

    /** Contacts times unit cost per channel, and the saving against a baseline channel mix. */
    @GetMapping("/cost-to-serve")
    CostToServe costToServe(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) LocalDate baselineFrom,
            @RequestParam(required = false) LocalDate baselineTo) {
        return measures.costToServe(
                generations.served(),
                ReportRange.of(from, to, clock),
                service(service),
                ReportRange.optional(baselineFrom, baselineTo, "baselineFrom", "baselineTo"));
    }

    /** Cases by service, area, status and team; the backlog now. */
    @GetMapping("/demand")
    Demand demand(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return measures.demand(generations.served(), ReportRange.of(from, to, clock));
    }

    /** Share resolved within target, median and 90th percentile time to resolve, breaches. */
    @GetMapping("/timeliness")
    TimelinessReport timeliness(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return measures.timeliness(generations.served(), ReportRange.of(from, to, clock));
    }

    /** The GOV.UK service standard's four measures per service, where the data exists. */
    @GetMapping("/service-standard")
    ServiceStandardReport serviceStandard(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return measures.serviceStandard(generations.served(), ReportRange.of(from, to, clock));
    }

    static String service(String service) {
        if (service == null || service.isEmpty()) {
            return null;
        }
        if (!SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException(
                    "service must be a service code (letters, digits, '_', '.', '-'; at most 64)");
        }
        return service;
    }
}
