package uk.gov.hertfordshire.sap.connection;

/**
 * A purchase order SAP holds, as reconciliation compares it with the ledger.
 *
 * @param purchaseOrder SAP's number
 * @param reference its item's text: the source event id for the platform's own
 * @param amountPence the item's value, quantity times net price, in pence
 */
public record CommittedOrder(String purchaseOrder, String reference, long amountPence) {}
