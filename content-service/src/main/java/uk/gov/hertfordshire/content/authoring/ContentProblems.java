package uk.gov.hertfordshire.content.authoring;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateFailure;

/** The authoring API's refusals, each an RFC 9457 problem that says what to do about it. */
final class ContentProblems {

    private static final String BASE = "https://hertfordshire.gov.uk/problems/";

    private ContentProblems() {}

    static ErrorResponseException invalid(List<FieldError> errors) {
        ProblemDetail problem =
                problem(
                        HttpStatus.BAD_REQUEST,
                        "invalid-content",
                        "Invalid content",
                        "The item has invalid fields: "
                                + errors.stream()
                                        .map(e -> e.field() + " " + e.message())
                                        .collect(Collectors.joining("; "))
                                + ".");
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ErrorResponseException tooLarge(int characters) {
        return new ErrorResponseException(
                HttpStatus.CONTENT_TOO_LARGE,
                problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "content-too-large",
                        "Content too large",
                        "The item has "
                                + characters
                                + " characters of text; at most "
                                + ItemRules.MAX_CHARACTERS
                                + " are allowed. Split it into a guide with parts or several"
                                + " pages."),
                null);
    }

    static ErrorResponseException pathTaken(String path) {
        ProblemDetail problem =
                problem(
                        HttpStatus.CONFLICT,
                        "path-taken",
                        "Path taken",
                        "Another item already has the path " + path + ".");
        problem.setProperty("errors", List.of(new FieldError("path", "is taken")));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    static ErrorResponseException invalidTransition(ContentAction action, ContentStatus current) {
        ProblemDetail problem =
                problem(
                        HttpStatus.CONFLICT,
                        "invalid-transition",
                        "Invalid transition",
                        "Cannot "
                                + action.wireValue()
                                + " an item that is "
                                + current.wireValue()
                                + "; "
                                + action.wireValue()
                                + " is allowed only from "
                                + action.allowedFrom().stream()
                                        .map(ContentStatus::wireValue)
                                        .collect(Collectors.joining(", "))
                                + ".");
        problem.setProperty("status", current.wireValue());
        problem.setProperty("action", action.wireValue());
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    static ErrorResponseException notEditable(ContentStatus current) {
        return new ErrorResponseException(
                HttpStatus.CONFLICT,
                problem(
                        HttpStatus.CONFLICT,
                        "invalid-transition",
                        "Not editable",
                        "An item that is "
                                + current.wireValue()
                                + " cannot be edited; edit it when it is draft, in_review or"
                                + " published (unpublish a scheduled item, restore an archived"
                                + " one)."),
                null);
    }

    static ErrorResponseException fourEyes(String staffId, List<Integer> revisions) {
        ProblemDetail problem =
                problem(
                        HttpStatus.CONFLICT,
                        "four-eyes",
                        "Four-eyes rule",
                        "The four-eyes rule: staff "
                                + staffId
                                + " made a change under review (revision "
                                + revisions.stream()
                                        .map(String::valueOf)
                                        .collect(Collectors.joining(", "))
                                + ") and cannot approve it; another publisher must.");
        problem.setProperty("rule", "four-eyes");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    static ErrorResponseException gatesFailed(List<GateFailure> failures, double readingAge) {
        ProblemDetail problem =
                problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "publish-gates",
                        "Publish gates failed",
                        failures.size()
                                + " publish gate"
                                + (failures.size() == 1 ? "" : "s")
                                + " failed: "
                                + failures.stream()
                                        .map(f -> f.gate() + " at " + f.where())
                                        .collect(Collectors.joining("; "))
                                + ".");
        problem.setProperty("failures", failures);
        problem.setProperty("readingAge", readingAge);
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }

    static ErrorResponseException preconditionRequired() {
        return new ErrorResponseException(
                HttpStatus.PRECONDITION_REQUIRED,
                problem(
                        HttpStatus.PRECONDITION_REQUIRED,
                        "precondition-required",
                        "If-Match required",
                        "Send If-Match with the ETag of the item as you last read it, so a"
                                + " change you have not seen is never overwritten or"
                                + " published."),
                null);
    }

    static ErrorResponseException preconditionFailed(String current) {
        ProblemDetail problem =
                problem(
                        HttpStatus.PRECONDITION_FAILED,
                        "precondition-failed",
                        "Item changed",
                        "The item has changed since you read it (it is now "
                                + current
                                + "); read it again and check the change before you retry.");
        return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, problem, null);
    }

    static ErrorResponseException badSchedule(String message) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "invalid-schedule", "Invalid schedule", message);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ProblemDetail problem(
            HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(BASE + type));
        return problem;
    }

    /**
     * One broken field rule.
     *
     * @param field the request field, e.g. {@code parts[1].title}
     * @param message what is wrong with it
     */
    record FieldError(String field, String message) {}
}
