/**
 * Referrals, triage, statutory clocks and decisions (care-service). Its features arrive with the
 * care issue; the service already runs with the outbox, inbox and topics wired.
 */
package uk.gov.hertfordshire.care;
