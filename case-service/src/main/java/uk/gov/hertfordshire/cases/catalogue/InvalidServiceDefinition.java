package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;

/** A service definition broke the catalogue's rules: each problem names its field. */
final class InvalidServiceDefinition extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    InvalidServiceDefinition(List<FieldProblem> problems) {
        super("The service definition has invalid fields: " + problems);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
