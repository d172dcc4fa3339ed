/**
 * Unrestricted resource consumption stops at the door: a request rate per authenticated client and
 * per address for anonymous calls (429 with Retry-After), a body size limit that also holds for
 * chunked bodies without Content-Length (413), and which forwarded addresses to believe.
 */
package uk.gov.hertfordshire.gateway.limits;
