/**
 * Fees: a service with a fee (a Blue Badge) is paid through the payment provider, GOV.UK Pay. The
 * citizen pays there; this service is told only the provider's payment id, checks it with the
 * provider (paid, the right amount, for this case), records it once and publishes the fee-paid
 * event that sap-adapter posts to finance.
 */
package uk.gov.hertfordshire.cases.fees;
