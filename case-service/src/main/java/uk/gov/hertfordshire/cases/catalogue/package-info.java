/**
 * The service catalogue: what can be reported or requested, through which channels, whether it is
 * about a place (public realm) or a person, and its response target. Read by citizens, agents and
 * civic apps ({@code /open311/v2/services}); managed by ADMIN (issue 4).
 */
package uk.gov.hertfordshire.cases.catalogue;
