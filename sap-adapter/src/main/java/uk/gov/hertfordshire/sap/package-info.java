/**
 * The SAP posting ledger, reconciliation and connection (sap-adapter). Its features arrive with the
 * SAP issue; the service already runs with the outbox, inbox and topics wired.
 */
package uk.gov.hertfordshire.sap;
