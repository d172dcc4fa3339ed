package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/** Events refuse to be built in a shape their own schema would reject. */
class EventRecordsTest {

    private static final String CASE_ID = ExampleEvents.CASE_ID;

    @Test
    void caseIdMustBeALowerCaseUuid() {
        assertThatThrownBy(
                        () ->
                                new CaseSubmitted(
                                        "CASE-1",
                                        "pothole",
                                        Channel.WEB,
                                        ExampleEvents.AT,
                                        null,
                                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("caseId");
        assertThatThrownBy(
                        () ->
                                new CaseSubmitted(
                                        CASE_ID.toUpperCase(),
                                        "pothole",
                                        Channel.WEB,
                                        ExampleEvents.AT,
                                        null,
                                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void caseSubmittedNeedsAChannel() {
        assertThatThrownBy(
                        () ->
                                new CaseSubmitted(
                                        CASE_ID, "pothole", null, ExampleEvents.AT, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel");
    }

    @Test
    void locationKeepsOnlyThePostcodeDistrict() {
        assertThatThrownBy(() -> new CaseSubmitted.Location(51.75, -0.34, "AL1 3JE", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postcodeDistrict");
    }

    @Test
    void locationMustBeOnTheGlobe() {
        assertThatThrownBy(() -> new CaseSubmitted.Location(Double.NaN, -0.34, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseSubmitted.Location(51.75, 180.5, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordingAgentIsAnSapPersonnelNumber() {
        assertThatThrownBy(
                        () ->
                                new CaseSubmitted(
                                        CASE_ID,
                                        "pothole",
                                        Channel.PHONE,
                                        ExampleEvents.AT,
                                        null,
                                        "jsmith"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recordedByStaffId");
    }

    @Test
    void statusChangeNeedsTwoDifferentStatuses() {
        assertThatThrownBy(() -> new CaseStatusChanged(CASE_ID, "open", "open", ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentIsPublishedToAtLeastOneKnownChannelOnce() {
        String contentId = "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84";

        assertThatThrownBy(() -> new ContentPublished(contentId, 1, List.of(), ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new ContentPublished(
                                        contentId, 1, List.of("print"), ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("print");
        assertThatThrownBy(
                        () ->
                                new ContentPublished(
                                        contentId, 1, List.of("web", "web"), ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new ContentPublished(contentId, 0, List.of("web"), ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
    }

    @Test
    void publishedChannelsCannotBeChangedAfterwards() {
        List<String> channels = new ArrayList<>(List.of("web"));
        ContentPublished published =
                new ContentPublished(
                        "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", 1, channels, ExampleEvents.AT);

        channels.add("intranet");

        assertThat(published.channels()).containsExactly("web");
        assertThatThrownBy(() -> published.channels().add("intranet"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void referralCategoryMustBeKnown() {
        assertThatThrownBy(
                        () ->
                                new ReferralReceived(
                                        "a7e4c2d9-1b3f-4a6e-8c5d-9f0b2e4d6a18",
                                        "nhs-east-herts",
                                        "elderly_care",
                                        ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adult_safeguarding");
    }

    @Test
    void staffIdIsAnEightDigitPersonnelNumber() {
        assertThatThrownBy(
                        () ->
                                new StaffMemberChanged(
                                        "12345", "HWY-NORTH", List.of(), true, ExampleEvents.AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staffId");
    }

    @Test
    void postingIsNeverZeroAndAlwaysInPounds() {
        assertThatThrownBy(() -> posting(0L, "GBP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountPence");
        assertThatThrownBy(() -> posting(100L, "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void schemasOfferExactlyTheContentChannelsAndReferralCategories() {
        assertThat(
                        enumOf(
                                EventSchemas.schemaDocument(ContentPublished.TYPE)
                                        .path("properties")
                                        .path("channels")
                                        .path("items")))
                .containsExactlyElementsOf(ContentPublished.CHANNELS);
        assertThat(
                        enumOf(
                                EventSchemas.schemaDocument(ReferralReceived.TYPE)
                                        .path("properties")
                                        .path("category")))
                .containsExactlyElementsOf(ReferralReceived.CATEGORIES);
    }

    private static List<String> enumOf(JsonNode schema) {
        return schema.path("enum").valueStream().map(JsonNode::asString).toList();
    }

    private static FinancePostingRecorded posting(long amountPence, String currency) {
        return new FinancePostingRecorded(
                "5c9e1a3b-7d2f-4b8e-a6c4-1e3d5f7a9b20",
                "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                "CC4100",
                "510200",
                amountPence,
                currency,
                ExampleEvents.AT);
    }
}
