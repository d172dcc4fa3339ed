package uk.gov.hertfordshire.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/**
 * One valid example of every event type: a full one with every optional field set, and a minimal
 * one with every optional field left out. A catalog entry without an example fails the tests.
 */
public final class ExampleEvents {

    public static final String CASE_ID = "3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31";
    public static final Instant AT = Instant.parse("2025-06-02T09:15:30.123Z");

    private static final Map<EventType<?>, Examples> EXAMPLES =
            Map.of(
                    CaseSubmitted.TYPE,
                    new Examples(caseSubmitted(), caseSubmittedOnline()),
                    CaseStatusChanged.TYPE,
                    Examples.only(new CaseStatusChanged(CASE_ID, "submitted", "in_progress", AT)),
                    ContentPublished.TYPE,
                    Examples.only(
                            new ContentPublished(
                                    "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84",
                                    3,
                                    List.of("web", "contact_centre"),
                                    AT)),
                    ReferralReceived.TYPE,
                    Examples.only(
                            new ReferralReceived(
                                    "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                    "nhs-east-herts",
                                    "adult_safeguarding",
                                    AT)),
                    StaffMemberChanged.TYPE,
                    Examples.only(
                            new StaffMemberChanged(
                                    "00012345",
                                    "HWY-NORTH",
                                    List.of("OFFICER", "AGENT"),
                                    true,
                                    AT)),
                    FinancePostingRecorded.TYPE,
                    Examples.only(
                            new FinancePostingRecorded(
                                    "5c9e1a3b-7d2f-4b8e-a6c4-1e3d5f7a9b20",
                                    "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                                    "CC4100",
                                    "510200",
                                    -12_500L,
                                    "GBP",
                                    AT)));

    private ExampleEvents() {}

    /** A phone contact recorded by an agent, with a location. */
    public static CaseSubmitted caseSubmitted() {
        return new CaseSubmitted(
                CASE_ID,
                "pothole",
                Channel.PHONE,
                AT,
                new CaseSubmitted.Location(51.7527, -0.3394, "AL1", "100080878341"),
                "00012345");
    }

    /** A web report with nothing optional. */
    public static CaseSubmitted caseSubmittedOnline() {
        return new CaseSubmitted(CASE_ID, "pothole", Channel.WEB, AT, null, null);
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
