/**
 * Finance postings out, exactly once: finance-relevant events arrive through the inbox and become
 * rows of the posting ledger ({@code unmapped} or {@code pending}); the {@link
 * uk.gov.hertfordshire.sap.posting.PostingWorker} posts pending rows to SAP, looking a row up by
 * its reference first whenever an earlier send's outcome is unknown, and records SAP's document
 * number or refusal with its event in one transaction. Administrators list, correct and re-submit
 * postings on {@code /api/sap/postings}. A new finance event type is a {@link
 * uk.gov.hertfordshire.sap.posting.PostingTranslator} and rows in {@code finance-mapping.yml}.
 */
package uk.gov.hertfordshire.sap.posting;
