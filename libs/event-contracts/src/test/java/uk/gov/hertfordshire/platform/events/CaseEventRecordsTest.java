package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;

/**
 * The case lifecycle events refuse to be built in a shape that states something impossible; each
 * refusal sits beside a positive control that differs in the one value refused.
 */
class CaseEventRecordsTest {

    private static final String CASE_ID = ExampleEvents.CASE_ID;
    private static final String OTHER_CASE_ID = ExampleEvents.OTHER_CASE_ID;
    private static final Instant AT = ExampleEvents.AT;
    private static final Instant A_SECOND_BEFORE = AT.minusSeconds(1);

    @Test
    void oldSixArgumentCaseSubmittedHasNoDueTime() {
        CaseSubmitted submitted =
                new CaseSubmitted(CASE_ID, "pothole", Channel.WEB, AT, null, null);

        assertThat(submitted.dueAt()).isNull();
        assertThat(submitted)
                .isEqualTo(
                        new CaseSubmitted(CASE_ID, "pothole", Channel.WEB, AT, null, null, null));
    }

    @Test
    void caseSubmittedIsNotDueBeforeItWasSubmitted() {
        assertThat(submittedDue(AT).dueAt()).isEqualTo(AT);
        assertThatThrownBy(() -> submittedDue(A_SECOND_BEFORE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dueAt")
                .hasMessageContaining("submittedAt");
    }

    @Test
    void triagedNeedsAServiceCode() {
        assertThat(new CaseTriaged(CASE_ID, "pothole", AT).serviceCode()).isEqualTo("pothole");
        assertThatThrownBy(() -> new CaseTriaged(CASE_ID, null, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("serviceCode");
        assertThatThrownBy(() -> new CaseTriaged(CASE_ID, "pot hole", AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceCode");
    }

    @Test
    void assigneeIsAnSapPersonnelNumberOrNoOneForATeamOnlyAssignment() {
        assertThat(new CaseAssigned(CASE_ID, "pothole", "HWY-NORTH", "00012345", AT))
                .extracting(CaseAssigned::assigneeStaffId)
                .isEqualTo("00012345");
        assertThat(new CaseAssigned(CASE_ID, "pothole", "HWY-NORTH", null, AT).assigneeStaffId())
                .isNull();
        assertThatThrownBy(() -> new CaseAssigned(CASE_ID, "pothole", "HWY-NORTH", "jsmith", AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("assigneeStaffId");
    }

    @Test
    void assignmentNeedsATeam() {
        assertThatThrownBy(() -> new CaseAssigned(CASE_ID, "pothole", null, "00012345", AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("teamCode");
        assertThatThrownBy(() -> new CaseAssigned(CASE_ID, "pothole", "HWY NORTH", null, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teamCode");
    }

    @Test
    void publicUpdateIdIsALowerCaseUuid() {
        String updateId = "c4d2e6f8-3a5b-4c7d-9e1f-2a4b6c8d0e13";

        assertThat(publicUpdate(updateId).updateId()).isEqualTo(updateId);
        assertThatThrownBy(() -> publicUpdate(updateId.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updateId");
    }

    @Test
    void caseIsNotResolvedBeforeItWasSubmitted() {
        assertThat(new CaseResolved(CASE_ID, "pothole", AT, null, AT).resolvedAt()).isEqualTo(AT);
        assertThatThrownBy(() -> new CaseResolved(CASE_ID, "pothole", AT, null, A_SECOND_BEFORE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolvedAt")
                .hasMessageContaining("submittedAt");
    }

    @Test
    void resolvedCaseWasNotDueBeforeItWasSubmitted() {
        Instant resolvedAt = AT.plusSeconds(60);

        assertThat(new CaseResolved(CASE_ID, "pothole", AT, AT, resolvedAt).dueAt()).isEqualTo(AT);
        assertThatThrownBy(
                        () -> new CaseResolved(CASE_ID, "pothole", AT, A_SECOND_BEFORE, resolvedAt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dueAt");
    }

    @Test
    void reopenedCaseIsNotDueBeforeItWasReopened() {
        assertThat(new CaseReopened(CASE_ID, "pothole", "resolved", AT, AT).dueAt()).isEqualTo(AT);
        assertThat(new CaseReopened(CASE_ID, "pothole", "resolved", null, AT).dueAt()).isNull();
        assertThatThrownBy(
                        () -> new CaseReopened(CASE_ID, "pothole", "resolved", A_SECOND_BEFORE, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dueAt")
                .hasMessageContaining("reopenedAt");
    }

    @Test
    void reopenedFromAStatus() {
        assertThatThrownBy(() -> new CaseReopened(CASE_ID, "pothole", "Resolved", null, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromStatus");
    }

    @Test
    void caseCannotDuplicateItself() {
        assertThat(new CaseMarkedDuplicate(CASE_ID, "pothole", OTHER_CASE_ID, AT))
                .extracting(CaseMarkedDuplicate::duplicateOfCaseId)
                .isEqualTo(OTHER_CASE_ID);
        assertThatThrownBy(() -> new CaseMarkedDuplicate(CASE_ID, "pothole", CASE_ID, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicateOfCaseId");
    }

    @Test
    void duplicateOfCaseIdIsALowerCaseUuid() {
        assertThatThrownBy(
                        () ->
                                new CaseMarkedDuplicate(
                                        CASE_ID, "pothole", OTHER_CASE_ID.toUpperCase(), AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicateOfCaseId");
    }

    @Test
    void targetApproachesUpToTheMomentItFallsDue() {
        assertThat(new CaseTargetApproaching(CASE_ID, "pothole", AT, AT).dueAt()).isEqualTo(AT);
        assertThatThrownBy(() -> new CaseTargetApproaching(CASE_ID, "pothole", A_SECOND_BEFORE, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dueAt")
                .hasMessageContaining("detectedAt");
    }

    @Test
    void targetIsBreachedOnlyAfterItFallsDue() {
        assertThat(new CaseTargetBreached(CASE_ID, "pothole", A_SECOND_BEFORE, AT).detectedAt())
                .isEqualTo(AT);
        assertThatThrownBy(() -> new CaseTargetBreached(CASE_ID, "pothole", AT, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detectedAt");
    }

    @Test
    void feePaidIsMoreThanZeroPence() {
        assertThat(feePaid(1L, "GBP", "pay_123").amountPence()).isEqualTo(1L);
        assertThatThrownBy(() -> feePaid(0L, "GBP", "pay_123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountPence");
        assertThatThrownBy(() -> feePaid(-1_000L, "GBP", "pay_123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountPence");
    }

    @Test
    void feeCurrencyIsThreeUpperCaseLetters() {
        assertThat(feePaid(1_000L, "EUR", "pay_123").currency()).isEqualTo("EUR");
        assertThatThrownBy(() -> feePaid(1_000L, "gbp", "pay_123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> feePaid(1_000L, "£", "pay_123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void paymentReferenceIsUpTo64SafeCharacters() {
        String longest = "a".repeat(64);

        assertThat(feePaid(1_000L, "GBP", longest).paymentReference()).isEqualTo(longest);
        assertThatThrownBy(() -> feePaid(1_000L, "GBP", longest + "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paymentReference");
        assertThatThrownBy(() -> feePaid(1_000L, "GBP", "4111 1111 1111 1111"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paymentReference");
        assertThatThrownBy(() -> feePaid(1_000L, "GBP", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paymentReference");
    }

    @Test
    void paymentProviderIsACode() {
        assertThatThrownBy(
                        () ->
                                new CaseFeePaid(
                                        CASE_ID,
                                        "blue-badge",
                                        1_000L,
                                        "GBP",
                                        "GOV.UK Pay!",
                                        "pay_123",
                                        AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paymentProvider");
    }

    @Test
    void supporterAddedNeedsAChannel() {
        assertThat(new CaseSupporterAdded(CASE_ID, "pothole", Channel.APP, AT).channel())
                .isEqualTo(Channel.APP);
        assertThatThrownBy(() -> new CaseSupporterAdded(CASE_ID, "pothole", null, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel");
    }

    @Test
    void schemasOfferExactlyTheChannels() {
        assertThat(channelsIn(CaseSubmitted.TYPE)).containsExactlyElementsOf(Channel.wireValues());
        assertThat(channelsIn(CaseSupporterAdded.TYPE))
                .containsExactlyElementsOf(Channel.wireValues());
    }

    private static List<String> channelsIn(EventType<?> type) {
        return EventSchemas.schemaDocument(type)
                .path("properties")
                .path("channel")
                .path("enum")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    private static CaseSubmitted submittedDue(Instant dueAt) {
        return new CaseSubmitted(CASE_ID, "pothole", Channel.WEB, AT, null, null, dueAt);
    }

    private static CasePublicUpdateAdded publicUpdate(String updateId) {
        return new CasePublicUpdateAdded(CASE_ID, "pothole", updateId, "in_progress", AT);
    }

    private static CaseFeePaid feePaid(long amountPence, String currency, String reference) {
        return new CaseFeePaid(
                CASE_ID, "blue-badge", amountPence, currency, "govuk-pay", reference, AT);
    }
}
