/**
 * The SAP connection: the ports the rest of the adapter uses ({@link
 * uk.gov.hertfordshire.sap.connection.SapFinance}, {@link
 * uk.gov.hertfordshire.sap.connection.SapHr}) and their clients for S/4HANA's Journal Entry – Post
 * SOAP service, its journal entry item OData API and SuccessFactors Employee Central's OData API.
 * Another SAP interface is another implementation of a port; nothing outside this package knows
 * SAP's message shapes.
 */
package uk.gov.hertfordshire.sap.connection;
