package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import uk.gov.hertfordshire.care.referral.FieldProblem;

/** OperationOutcomes that name the element at fault, for rule breaks (422). */
final class FhirOutcomes {

    private FhirOutcomes() {}

    static UnprocessableEntityException unprocessable(String element, String message) {
        OperationOutcome outcome = new OperationOutcome();
        issue(outcome, element, message);
        return new UnprocessableEntityException(element + ": " + message, outcome);
    }

    static UnprocessableEntityException unprocessable(List<FieldProblem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        StringBuilder summary = new StringBuilder();
        for (FieldProblem problem : problems) {
            String element = FhirReferrals.ELEMENTS.getOrDefault(problem.field(), "ServiceRequest");
            issue(outcome, element, problem.message());
            summary.append(summary.isEmpty() ? "" : "; ")
                    .append(element)
                    .append(": ")
                    .append(problem.message());
        }
        return new UnprocessableEntityException(summary.toString(), outcome);
    }

    private static void issue(OperationOutcome outcome, String element, String message) {
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.BUSINESSRULE)
                .setDiagnostics(element + ": " + message)
                .addExpression(element);
    }
}
