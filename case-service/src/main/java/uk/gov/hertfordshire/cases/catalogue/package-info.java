/**
 * The service catalogue: what can be reported or requested, through which channels, whether it is
 * about a place (public realm) or a person, its response target, its fee and the questions to ask
 * (typed attributes with Open311's datatypes). Read by citizens, agents and civic apps ({@code
 * /api/catalogue/services}, {@code /open311/v2/services}); changed by ADMIN, each change published
 * as {@code ServiceDefinitionChanged} (ADR 8).
 *
 * <p>For the rest of case-service: {@link uk.gov.hertfordshire.cases.catalogue.Catalogue#find} (a
 * service that takes new cases), {@code findIncludingWithdrawn} (the service of an existing case),
 * {@code attributesOf} (the questions, for Open311 {@code services/{code}}) and {@code
 * checkAnswers} (a report's answers against them, for submission).
 */
package uk.gov.hertfordshire.cases.catalogue;
