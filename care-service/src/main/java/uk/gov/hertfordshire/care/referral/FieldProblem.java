package uk.gov.hertfordshire.care.referral;

/**
 * One thing wrong with a referral, named by its field in the staff API ({@code person.nhsNumber});
 * the FHIR adapter names the same field by its FHIR element.
 */
public record FieldProblem(String field, String message) {}
