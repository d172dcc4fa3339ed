package uk.gov.hertfordshire.sap.connection;

/** What SAP answered to a posting. */
public sealed interface PostingOutcome {

    /** SAP posted it as this document. */
    record Posted(String accountingDocument, String fiscalYear) implements PostingOutcome {}

    /** SAP refused it, with its message (e.g. a closed period or an unknown cost centre). */
    record Rejected(String message) implements PostingOutcome {}
}
