/**
 * Referrals: what one records (person, referrer, concerns, Children in Need census codes, consent
 * and lawful basis), the rules it must meet, repeat referrals within 12 months, and who may read
 * it. Public API: {@link uk.gov.hertfordshire.care.referral.Referrals}; the staff JSON API is
 * {@code /api/care/referrals}.
 */
package uk.gov.hertfordshire.care.referral;
