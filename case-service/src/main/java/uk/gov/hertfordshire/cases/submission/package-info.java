/**
 * Case submission: a citizen, an agent on their behalf or a civic app reports a problem or requests
 * a service; the case is stored and {@code uk.gov.hertfordshire.case.submitted.v1} is written to
 * the outbox in the same transaction. Public API: {@link
 * uk.gov.hertfordshire.cases.submission.CaseSubmissionService}.
 */
package uk.gov.hertfordshire.cases.submission;
