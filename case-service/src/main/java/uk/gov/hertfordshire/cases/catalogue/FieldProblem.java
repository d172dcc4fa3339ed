package uk.gov.hertfordshire.cases.catalogue;

/**
 * What is wrong with one field of a request or one answer, in the caller's terms.
 *
 * @param field the field's path in the request ({@code attributes[1].values}) or the attribute's
 *     code for an answer
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {}
