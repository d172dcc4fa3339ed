/**
 * sap-adapter: keeps SAP finance and HR in step with the platform. Feature packages: {@code
 * connection} (the SAP ports and clients), {@code posting} (the posting ledger, exactly-once
 * postings and the operations API), {@code reconciliation} (ledger against SAP's journal) and
 * {@code hr} (staff changes in from SAP HR). See the module's README for the canvas.
 */
package uk.gov.hertfordshire.sap;
