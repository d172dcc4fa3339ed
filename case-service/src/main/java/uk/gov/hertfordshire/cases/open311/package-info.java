/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: services and service definitions, service requests
 * (POST with an api_key, GET by filter, id or token), the paging and {@code servicerequestupdates}
 * extensions, errors in the spec's format, and the civic apps' API keys ({@code /api/open311/keys},
 * ADMIN). Cases are created through {@code submission.CaseSubmissionService}; the reads are this
 * package's own queries, which decide what Open311 shows to whom.
 */
package uk.gov.hertfordshire.cases.open311;
