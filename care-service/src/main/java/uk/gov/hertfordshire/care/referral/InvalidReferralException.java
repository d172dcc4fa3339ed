package uk.gov.hertfordshire.care.referral;

import java.util.List;
import java.util.stream.Collectors;

/** A referral that breaks a rule: nothing was stored. */
public class InvalidReferralException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public InvalidReferralException(List<FieldProblem> problems) {
        super(
                problems.stream()
                        .map(problem -> problem.field() + ": " + problem.message())
                        .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
