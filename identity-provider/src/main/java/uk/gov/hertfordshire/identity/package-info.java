/**
 * The local identity provider: one Spring Authorization Server with three issuers (council staff,
 * citizens, partner agencies), the demo personas, signing keys kept in the data folder, and, in the
 * {@code local} profile only, a way to mint a persona's token without a browser. Production uses
 * the council's real issuers instead; nothing here runs there.
 */
package uk.gov.hertfordshire.identity;
