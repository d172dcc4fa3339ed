/**
 * A stand-in for GOV.UK Pay, for the local platform (port 8091) and for case-service's tests: the
 * public API's create and get payment, with its JSON shapes, error codes, bearer API key and
 * Idempotency-Key, and the paying user's card pages with GOV.UK Pay's mock card numbers. {@link
 * uk.gov.hertfordshire.platform.govukpay.PayingUser} walks those pages with plain form posts, as a
 * browser would.
 */
package uk.gov.hertfordshire.platform.govukpay;
