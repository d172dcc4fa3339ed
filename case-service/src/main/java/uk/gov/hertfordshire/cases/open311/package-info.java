/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: services and service definitions, service requests
 * (POST with an api_key, GET by filter, id or token), the paging extension, mySociety's extension
 * as FixMyStreet uses it ({@code GET} and {@code POST servicerequestupdates}, its additional
 * statuses and {@code external_status_code}), errors in the spec's format, the operations' OpenAPI
 * description, and the civic apps' API keys ({@code /api/open311/keys}, ADMIN). Cases are created
 * through {@code submission.CaseSubmissionService} and citizens' updates relayed through {@code
 * lifecycle.CaseLifecycle}; the reads are this package's own queries, which decide what Open311
 * shows to whom.
 */
package uk.gov.hertfordshire.cases.open311;
