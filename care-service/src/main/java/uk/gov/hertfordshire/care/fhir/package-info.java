/**
 * HL7 FHIR R4 intake at {@code /fhir/r4}, built on HAPI FHIR's server: partners send referrals as
 * {@code ServiceRequest}s with a contained {@code Patient}, conditionally on their own identifier,
 * and follow them through reads, identifier searches and a {@code Task} carrying the decision. Rule
 * breaks are 422 OperationOutcomes naming the element; unparseable resources 400.
 */
package uk.gov.hertfordshire.care.fhir;
