/**
 * Reconciliation: what SAP's journal holds for a period, read back through the journal entry item
 * API, compared with the posting ledger, reference by reference. A posting SAP does not hold is
 * missing; one SAP holds in more than one document is duplicated; one with another amount differs.
 * Each mismatch is an event on {@code sap.finance.events} and a metric. Run monthly on a schedule
 * (once across replicas, by advisory lock) and on demand ({@code ./platform sap reconcile}).
 */
package uk.gov.hertfordshire.sap.reconciliation;
