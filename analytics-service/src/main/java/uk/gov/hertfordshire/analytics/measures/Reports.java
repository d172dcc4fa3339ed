package uk.gov.hertfordshire.analytics.measures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the measures API answers; every figure is for the served generation. */
final class Reports {

    private Reports() {}

    /**
     * Contacts by channel over some days.
     *
     * @param contacts every channel (all six, zero included) and its contacts
     * @param total all contacts
     * @param digital contacts through web, app and Open311
     * @param digitalTakeUp digital as a share of all (0 to 1), or null without contacts
     */
    record ChannelMix(Map<String, Long> contacts, long total, long digital, Double digitalTakeUp) {}

    /**
     * One period of a channel-shift series.
     *
     * @param period its first day (a Monday for weeks, the 1st for months), clipped to the range
     * @param label {@code 2026-07-01}, {@code 2026-W27} (ISO week) or {@code 2026-07}
     */
    record Period(LocalDate period, String label, ChannelMix mix) {}

    /**
     * The channel mix of a baseline period, and how digital take-up moved since.
     *
     * @param digitalTakeUpChange the range's digital take-up minus the baseline's (0.05 = 5
     *     percentage points more), or null when either has no contacts
     */
    record Baseline(LocalDate from, LocalDate to, ChannelMix mix, Double digitalTakeUpChange) {}

    record ChannelShift(
            LocalDate from,
            LocalDate to,
            String granularity,
            String service,
            List<Period> periods,
            ChannelMix total,
            Baseline baseline) {}

    record ChannelCost(String channel, long contacts, BigDecimal unitCost, BigDecimal cost) {}

    /**
     * Cost-to-serve against a baseline channel mix.
     *
     * @param mix each channel's share of the baseline's contacts
     * @param costAtBaselineMix what the range's contacts would have cost with the baseline's mix
     * @param saving {@code costAtBaselineMix} minus the range's cost: positive is money saved by
     *     channel shift
     */
    record CostBaseline(
            LocalDate from,
            LocalDate to,
            long contacts,
            BigDecimal cost,
            BigDecimal costPerContact,
            Map<String, Double> mix,
            BigDecimal costAtBaselineMix,
            BigDecimal saving) {}

    record CostToServe(
            LocalDate from,
            LocalDate to,
            String service,
            List<ChannelCost> channels,
            long contacts,
            BigDecimal cost,
            BigDecimal costPerContact,
            CostBaseline baseline) {}

    /** A count under one key (a service, an area, a status, a team), with a readable name. */
    record Count(String key, String name, long cases) {}

    record ServiceDemand(String service, String name, long cases, long contacts) {}

    /**
     * Cases not finished now (submitted, triaged, assigned, in progress or reopened), whatever the
     * range.
     */
    record Backlog(long open, List<Count> byService, List<Count> byStatus) {}

    /**
     * @param cases cases submitted in the range
     * @param contacts contacts in the range (cases plus "me too"s)
     */
    record Demand(
            LocalDate from,
            LocalDate to,
            long cases,
            long contacts,
            List<ServiceDemand> byService,
            List<Count> byArea,
            List<Count> byStatus,
            List<Count> byTeam,
            Backlog backlog) {}

    /**
     * Cases resolved in the range (and not reopened since).
     *
     * @param withTarget resolved cases that had a due time
     * @param withinTarget those resolved by their due time
     * @param shareWithinTarget withinTarget / withTarget, or null
     * @param medianHours median hours from submission to resolution (linear interpolation)
     * @param p90Hours 90th percentile, the same way
     * @param targetBreaches targets found breached in the range
     * @param targetsApproaching targets found approaching in the range
     */
    record Timeliness(
            String service,
            String name,
            long resolved,
            long withTarget,
            long withinTarget,
            Double shareWithinTarget,
            Double medianHours,
            Double p90Hours,
            long targetBreaches,
            long targetsApproaching) {}

    record TimelinessReport(
            LocalDate from, LocalDate to, Timeliness overall, List<Timeliness> byService) {}

    /**
     * The GOV.UK service standard's four measures for one service, where the data exists.
     *
     * @param transactions contacts in the range
     * @param costPerTransaction cost-to-serve divided by transactions
     * @param digitalTakeUp digital contacts as a share of all
     * @param casesStarted cases submitted in the range, duplicates left out
     * @param casesCompleted those resolved or closed now
     * @param completionRate casesCompleted / casesStarted
     * @param userSatisfaction always null: no satisfaction data exists yet
     */
    record ServiceStandard(
            String service,
            String name,
            long transactions,
            BigDecimal costPerTransaction,
            Double digitalTakeUp,
            long casesStarted,
            long casesCompleted,
            Double completionRate,
            Double userSatisfaction) {}

    record ServiceStandardReport(
            LocalDate from,
            LocalDate to,
            List<ServiceStandard> services,
            Map<String, String> definitions) {}
}
