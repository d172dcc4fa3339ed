/**
 * The errors the gateway itself produces (401, 403, 413, 429, 503, 504): RFC 9457 problem details,
 * except under {@code /open311/}, where civic apps expect Open311's own error format.
 */
package uk.gov.hertfordshire.gateway.errors;
