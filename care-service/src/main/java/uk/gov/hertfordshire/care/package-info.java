/**
 * care-service: adult and child care referrals from partner agencies and staff, triaged against
 * statutory clocks and decided with recorded reasons, with the data sealed at rest and every access
 * audited. Feature packages: {@code referral}, {@code fhir}, {@code decision}, {@code clocks},
 * {@code protection}.
 */
package uk.gov.hertfordshire.care;
