package uk.gov.hertfordshire.cases.lifecycle;

import java.net.URI;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/** An action the case's current status does not allow: answered 409 with what is allowed. */
public class InvalidTransitionException extends ErrorResponseException {

    public InvalidTransitionException(CaseAction action, CaseStatus current) {
        super(HttpStatus.CONFLICT, problem(action, current), null);
    }

    private static ProblemDetail problem(CaseAction action, CaseStatus current) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.CONFLICT,
                        "Cannot "
                                + action.wireValue()
                                + " a case that is "
                                + current.wireValue()
                                + "; "
                                + action.wireValue()
                                + " is allowed only from "
                                + action.allowedFrom().stream()
                                        .map(CaseStatus::wireValue)
                                        .collect(Collectors.joining(", "))
                                + ".");
        problem.setTitle("Invalid transition");
        problem.setType(URI.create("https://hertfordshire.gov.uk/problems/invalid-transition"));
        problem.setProperty("caseStatus", current.wireValue());
        problem.setProperty("action", action.wireValue());
        return problem;
    }
}
