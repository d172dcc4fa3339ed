/**
 * The retention rule: a referral closed longer ago than {@code platform.care.retention.closed-for}
 * is anonymised (ADR 19), listed first by a dry run. Both are ADMIN's, through {@code
 * /api/care/retention} and {@code ./platform care retention [--run]}.
 */
package uk.gov.hertfordshire.care.retention;
