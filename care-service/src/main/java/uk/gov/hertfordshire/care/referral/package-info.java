/**
 * Referrals: what one records (person, referrer, concerns, Children in Need census codes, consent
 * and lawful basis), the rules it must meet, repeat referrals within 12 months, who may read it,
 * its assignment to an active practitioner (and a leaver's referrals back to the queue), and its
 * anonymisation under the retention rule. Public API: {@link
 * uk.gov.hertfordshire.care.referral.Referrals}; the staff JSON API is {@code /api/care/referrals}.
 */
package uk.gov.hertfordshire.care.referral;
