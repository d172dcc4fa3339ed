package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * The lifecycle's statuses in mySociety's additional states, and what a citizen's update with each
 * state asks for: the case-service README's two tables, written out here by hand.
 */
class FmsStatusTest {

    @ParameterizedTest
    @CsvSource({
        "submitted, open",
        "triaged, investigating",
        "assigned, action_scheduled",
        "in_progress, in_progress",
        "resolved, fixed",
        "closed, fixed",
        "reopened, open",
        "rejected, no_further_action",
        "duplicate, duplicate"
    })
    void eachCaseStatusIsShownAsOneOfTheExtensionsStatuses(String caseStatus, String shown) {
        assertThat(FmsStatus.of(CaseStatus.fromWire(caseStatus)).wire()).isEqualTo(shown);
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void everyShownStatusIsOneFixMyStreetReadsFromServicerequestupdates(CaseStatus status) {
        // open311-adapter's Open311::Endpoint::Service::Request::Update::mySociety status enum.
        assertThat(FmsStatus.of(status).wire())
                .isIn(
                        "open",
                        "closed",
                        "fixed",
                        "in_progress",
                        "action_scheduled",
                        "investigating",
                        "duplicate",
                        "not_councils_responsibility",
                        "no_further_action",
                        "internal_referral");
    }

    @ParameterizedTest
    @CsvSource({
        "FIXED, RESOLVE",
        "CLOSED, RESOLVE",
        "REOPEN, REOPEN",
        "OPEN, REOPEN",
        "IN_PROGRESS, ",
        "ACTION_SCHEDULED, ",
        "INVESTIGATING, ",
        "DUPLICATE, ",
        "NOT_COUNCILS_RESPONSIBILITY, ",
        "NO_FURTHER_ACTION, ",
        "INTERNAL_REFERRAL, ",
        "FOR_TRIAGE, "
    })
    void aCitizensUpdateCarriesResolveOrReopenOrNothing(String sent, String action) {
        FmsStatus status = FmsStatus.fromUpdate(sent);
        assertThat(status.carried() == null ? null : status.carried().name()).isEqualTo(action);
        assertThat(FmsStatus.fromUpdate(sent.toLowerCase())).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"MAYBE", "''", "'OPEN '", "'CLOSED,FIXED'"})
    void anyOtherStatusIsRefusedNamingTheAllowedOnes(String sent) {
        assertThatThrownBy(() -> FmsStatus.fromUpdate(sent))
                .isInstanceOf(Open311Exception.class)
                .hasMessage(
                        "status must be one of OPEN, CLOSED, FIXED, IN_PROGRESS, ACTION_SCHEDULED,"
                                + " INVESTIGATING, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY,"
                                + " NO_FURTHER_ACTION, INTERNAL_REFERRAL, REOPEN, FOR_TRIAGE.");
    }
}
