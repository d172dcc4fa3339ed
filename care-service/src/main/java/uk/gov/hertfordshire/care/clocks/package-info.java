/**
 * Statutory clocks in working time (the shared {@code WorkingCalendar}): RAG triage, a child
 * referral's one-working-day decision, the local adult safeguarding (s42) decision target and the
 * 45-working-day child and family assessment. Public API: {@link
 * uk.gov.hertfordshire.care.clocks.StatutoryClocks}.
 */
package uk.gov.hertfordshire.care.clocks;
