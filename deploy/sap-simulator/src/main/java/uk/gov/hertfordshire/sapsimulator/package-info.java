/**
 * The local platform's SAP, on port 8090: the S/4HANA journal entry post (SOAP) and journal entry
 * item read-back (OData v2, with SAP's CSRF rule), SuccessFactors Employee Central's User and
 * FODepartment (OData v2), its own general ledger and organisation, and an admin API that makes it
 * go down, slow down, time out after committing, commit slowly, lose postings or reject them.
 */
package uk.gov.hertfordshire.sapsimulator;
