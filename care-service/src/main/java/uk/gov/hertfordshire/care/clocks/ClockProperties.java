package uk.gov.hertfordshire.care.clocks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clock targets ({@code platform.care.clocks.*}), in working hours or days.
 *
 * @param redHours triage target for {@code stat} and {@code asap} referrals
 * @param amberHours triage target for {@code urgent} referrals
 * @param greenHours triage target for {@code routine} referrals
 * @param childDecisionDays a child referral's decision (statutory: one working day)
 * @param s42DecisionDays the local target for an adult safeguarding decision
 * @param assessmentDays a child and family assessment (statutory: 45 working days)
 * @param approachingWithin how long before its due time a clock is "approaching"
 */
@ConfigurationProperties("platform.care.clocks")
public record ClockProperties(
        @DefaultValue("4") int redHours,
        @DefaultValue("24") int amberHours,
        @DefaultValue("72") int greenHours,
        @DefaultValue("1") int childDecisionDays,
        @DefaultValue("2") int s42DecisionDays,
        @DefaultValue("45") int assessmentDays,
        @DefaultValue("PT2H") Duration approachingWithin) {}
