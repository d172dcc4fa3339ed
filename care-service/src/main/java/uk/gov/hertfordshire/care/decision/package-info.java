/**
 * Decisions on referrals: a practitioner proposes, a care manager decides, each with a recorded
 * reason; the decision closes the referral, stops or starts its clocks and writes {@code
 * uk.gov.hertfordshire.care.referral-decided.v1}. Public API: {@link
 * uk.gov.hertfordshire.care.decision.Decisions}.
 */
package uk.gov.hertfordshire.care.decision;
