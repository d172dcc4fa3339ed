package uk.gov.hertfordshire.platform.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.hertfordshire.platform.events.care.AccessAuditCounted;
import uk.gov.hertfordshire.platform.events.care.ClockApproaching;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;
import uk.gov.hertfordshire.platform.events.content.AlertEnded;
import uk.gov.hertfordshire.platform.events.content.AlertRaised;
import uk.gov.hertfordshire.platform.events.content.ContentArchived;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.events.content.ContributionModerated;
import uk.gov.hertfordshire.platform.events.content.ContributionSubmitted;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.events.sap.ReconciliationMismatchFound;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/**
 * One valid example of every event type: a full one with every optional field set, and a minimal
 * one with every optional field left out. A catalog entry without an example fails the tests.
 */
public final class ExampleEvents {

    public static final String CASE_ID = "3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31";
    public static final Instant AT = Instant.parse("2025-06-02T09:15:30.123Z");

    /** Another case, the one a duplicate duplicates. */
    public static final String OTHER_CASE_ID = "8b2e4f6a-1c3d-4e5f-a7b9-0c2d4e6f8a1b";

    /** Submitted at {@link #AT}; due three working days later, Thursday 5 June 2025 09:15:30. */
    public static final Instant DUE_AT = Instant.parse("2025-06-05T09:15:30.123Z");

    /** An hour after {@link #AT}. */
    public static final Instant LATER = AT.plusSeconds(3_600);

    private static final Map<EventType<?>, Examples> EXAMPLES =
            Map.ofEntries(
                    Map.entry(
                            CaseSubmitted.TYPE,
                            new Examples(caseSubmitted(), caseSubmittedOnline())),
                    Map.entry(
                            CaseTriaged.TYPE,
                            Examples.only(new CaseTriaged(CASE_ID, "pothole", LATER))),
                    Map.entry(
                            CaseAssigned.TYPE,
                            new Examples(
                                    new CaseAssigned(
                                            CASE_ID, "pothole", "HWY-NORTH", "00012345", LATER),
                                    new CaseAssigned(
                                            CASE_ID, "pothole", "HWY-NORTH", null, LATER))),
                    Map.entry(
                            CaseStatusChanged.TYPE,
                            Examples.only(
                                    new CaseStatusChanged(
                                            CASE_ID, "submitted", "in_progress", AT))),
                    Map.entry(
                            CasePublicUpdateAdded.TYPE,
                            Examples.only(
                                    new CasePublicUpdateAdded(
                                            CASE_ID,
                                            "pothole",
                                            "c4d2e6f8-3a5b-4c7d-9e1f-2a4b6c8d0e13",
                                            "in_progress",
                                            LATER))),
                    Map.entry(
                            CaseResolved.TYPE,
                            new Examples(
                                    new CaseResolved(CASE_ID, "pothole", AT, DUE_AT, LATER),
                                    new CaseResolved(CASE_ID, "pothole", AT, null, LATER))),
                    Map.entry(
                            CaseClosed.TYPE,
                            Examples.only(new CaseClosed(CASE_ID, "pothole", LATER))),
                    Map.entry(
                            CaseReopened.TYPE,
                            new Examples(
                                    new CaseReopened(CASE_ID, "pothole", "resolved", DUE_AT, LATER),
                                    new CaseReopened(CASE_ID, "pothole", "closed", null, LATER))),
                    Map.entry(
                            CaseMarkedDuplicate.TYPE,
                            Examples.only(
                                    new CaseMarkedDuplicate(
                                            CASE_ID, "pothole", OTHER_CASE_ID, LATER))),
                    Map.entry(
                            CaseTargetApproaching.TYPE,
                            Examples.only(
                                    new CaseTargetApproaching(CASE_ID, "pothole", DUE_AT, LATER))),
                    Map.entry(
                            CaseTargetBreached.TYPE,
                            Examples.only(
                                    new CaseTargetBreached(
                                            CASE_ID, "pothole", DUE_AT, DUE_AT.plusSeconds(60)))),
                    Map.entry(
                            CaseFeePaid.TYPE,
                            Examples.only(
                                    new CaseFeePaid(
                                            CASE_ID,
                                            "blue-badge",
                                            1_000L,
                                            "GBP",
                                            "govuk-pay",
                                            "hu20sqlact5uq5vn3s9gq5lrf1",
                                            LATER))),
                    Map.entry(
                            CaseSupporterAdded.TYPE,
                            Examples.only(
                                    new CaseSupporterAdded(
                                            CASE_ID, "pothole", Channel.OPEN311, LATER))),
                    Map.entry(
                            ServiceDefinitionChanged.TYPE,
                            new Examples(blueBadgeService(), potholeService())),
                    Map.entry(
                            ContentPublished.TYPE,
                            Examples.only(
                                    new ContentPublished(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                            3,
                                            List.of("web", "contact_centre"),
                                            AT))),
                    Map.entry(
                            ContentUnpublished.TYPE,
                            Examples.only(
                                    new ContentUnpublished(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", 3, AT))),
                    Map.entry(
                            ContentArchived.TYPE,
                            Examples.only(
                                    new ContentArchived(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", true, AT))),
                    Map.entry(
                            FeedbackReceived.TYPE,
                            Examples.only(
                                    new FeedbackReceived(
                                            "5f0c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f",
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                            3,
                                            "web",
                                            List.of("pothole", "drain-flooding"),
                                            AT))),
                    Map.entry(
                            ContributionSubmitted.TYPE,
                            Examples.only(
                                    new ContributionSubmitted(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", AT))),
                    Map.entry(
                            ContributionModerated.TYPE,
                            Examples.only(
                                    new ContributionModerated(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                            ContributionModerated.PUBLISHED,
                                            AT))),
                    Map.entry(
                            AlertRaised.TYPE,
                            new Examples(
                                    new AlertRaised(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                            2,
                                            "high",
                                            List.of("web", "digital_tv"),
                                            AT,
                                            AT.plusSeconds(86_400),
                                            AT),
                                    new AlertRaised(
                                            "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                            1,
                                            "low",
                                            List.of("web"),
                                            AT,
                                            null,
                                            AT))),
                    Map.entry(
                            AlertEnded.TYPE,
                            Examples.only(
                                    new AlertEnded("0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", AT))),
                    Map.entry(
                            ReferralReceived.TYPE,
                            Examples.only(
                                    new ReferralReceived(
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "nhs-east-herts",
                                            "adult_safeguarding",
                                            AT))),
                    Map.entry(
                            ReferralDecided.TYPE,
                            Examples.only(
                                    new ReferralDecided(
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "nhs-east-herts",
                                            "child_in_need",
                                            "child_and_family_assessment",
                                            AT,
                                            AT.plusSeconds(3600)))),
                    Map.entry(
                            ClockApproaching.TYPE,
                            Examples.only(
                                    new ClockApproaching(
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "child_decision",
                                            AT.plusSeconds(7200),
                                            AT))),
                    Map.entry(
                            PackageCommissioned.TYPE,
                            new Examples(
                                    new PackageCommissioned(
                                            "5d0c1f7e-8a2b-4c3d-9e4f-a1b2c3d4e5f6",
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "PROV-0042",
                                            45075,
                                            "GBP",
                                            LocalDate.of(2027, 1, 4),
                                            LocalDate.of(2027, 3, 28),
                                            AT),
                                    new PackageCommissioned(
                                            "5d0c1f7e-8a2b-4c3d-9e4f-a1b2c3d4e5f6",
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "PROV-0042",
                                            45075,
                                            "GBP",
                                            LocalDate.of(2027, 1, 4),
                                            null,
                                            AT))),
                    Map.entry(
                            AccessAuditCounted.TYPE,
                            new Examples(
                                    new AccessAuditCounted(
                                            Instant.parse("2025-06-02T09:00:00Z"),
                                            Instant.parse("2025-06-02T10:00:00Z"),
                                            List.of(
                                                    new AccessAuditCounted.Count(
                                                            "referral.read", "triage", 12),
                                                    new AccessAuditCounted.Count(
                                                            "referral.create", "intake", 3))),
                                    new AccessAuditCounted(
                                            Instant.parse("2025-06-02T10:00:00Z"),
                                            Instant.parse("2025-06-02T11:00:00Z"),
                                            List.of()))),
                    Map.entry(
                            ClockBreached.TYPE,
                            Examples.only(
                                    new ClockBreached(
                                            "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                            "triage",
                                            AT,
                                            AT.plusSeconds(60)))),
                    Map.entry(
                            OrgUnitChanged.TYPE,
                            new Examples(
                                    new OrgUnitChanged(
                                            "HWY-INSPECT", "DIR-ENV", "CC4100", true, AT),
                                    new OrgUnitChanged("DIR-ENV", null, null, false, AT))),
                    Map.entry(
                            StaffMemberChanged.TYPE,
                            Examples.only(
                                    new StaffMemberChanged(
                                            "00012345",
                                            "HWY-NORTH",
                                            List.of("OFFICER", "AGENT"),
                                            true,
                                            AT))),
                    Map.entry(
                            FinancePostingRecorded.TYPE,
                            Examples.only(
                                    new FinancePostingRecorded(
                                            "5c9e1a3b-7d2f-4b8e-a6c4-1e3d5f7a9b20",
                                            "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                                            "CC4100",
                                            "510200",
                                            -12_500L,
                                            "GBP",
                                            AT))),
                    Map.entry(
                            FinancePostingRejected.TYPE,
                            Examples.only(
                                    new FinancePostingRejected(
                                            "5c9e1a3b-7d2f-4b8e-a6c4-1e3d5f7a9b20",
                                            "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                                            "HCC1",
                                            "CC4100",
                                            "510200",
                                            1_000L,
                                            "GBP",
                                            "Cost center HCC1/CC4100 does not exist on 02.06.2025",
                                            AT))),
                    Map.entry(
                            ReconciliationMismatchFound.TYPE,
                            Examples.only(
                                    new ReconciliationMismatchFound(
                                            "5c9e1a3b-7d2f-4b8e-a6c4-1e3d5f7a9b20",
                                            "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                                            "2025-05",
                                            ReconciliationMismatchFound.DUPLICATED,
                                            "HCC1",
                                            1_000L,
                                            2_000L,
                                            2,
                                            AT))));

    private ExampleEvents() {}

    /** A phone contact recorded by an agent, with a location. */
    public static CaseSubmitted caseSubmitted() {
        return new CaseSubmitted(
                CASE_ID,
                "pothole",
                Channel.PHONE,
                AT,
                new CaseSubmitted.Location(51.7527, -0.3394, "AL1", "100080878341"),
                "00012345",
                DUE_AT);
    }

    /** A web report with nothing optional. */
    public static CaseSubmitted caseSubmittedOnline() {
        return new CaseSubmitted(CASE_ID, "pothole", Channel.WEB, AT, null, null);
    }

    /** A personal service with a fee: every optional field set. */
    public static ServiceDefinitionChanged blueBadgeService() {
        return new ServiceDefinitionChanged(
                "blue-badge",
                "Apply for a Blue Badge",
                "Parking and travel",
                "BLUE-BADGE",
                false,
                true,
                false,
                1_000,
                10,
                ServiceDefinitionChanged.WORKING_DAYS,
                false,
                AT);
    }

    /** A public-realm service without a fee. */
    public static ServiceDefinitionChanged potholeService() {
        return new ServiceDefinitionChanged(
                "pothole",
                "Pothole",
                "Roads and pavements",
                "HWY-NORTH",
                true,
                true,
                true,
                null,
                72,
                ServiceDefinitionChanged.WORKING_HOURS,
                false,
                AT);
    }

    /** Every optional field set, or empty if the type has no example yet. */
    public static Optional<DomainEvent> fullExampleOf(EventType<?> type) {
        return Optional.ofNullable(EXAMPLES.get(type)).map(Examples::full);
    }

    /** Every optional field left out, or empty if the type has no example yet. */
    public static Optional<DomainEvent> minimalExampleOf(EventType<?> type) {
        return Optional.ofNullable(EXAMPLES.get(type)).map(Examples::minimal);
    }

    /** The full example of a type that has one. */
    public static DomainEvent fullExample(EventType<?> type) {
        return fullExampleOf(type)
                .orElseThrow(() -> new AssertionError("No example for " + type.type()));
    }

    /** The minimal example of a type that has one. */
    public static DomainEvent minimalExample(EventType<?> type) {
        return minimalExampleOf(type)
                .orElseThrow(() -> new AssertionError("No example for " + type.type()));
    }

    private record Examples(DomainEvent full, DomainEvent minimal) {
        static Examples only(DomainEvent example) {
            return new Examples(example, example);
        }
    }
}
