package uk.gov.hertfordshire.identity;

/**
 * The issuers this server plays, each under its own path of the base URL. Separate issuers rather
 * than one with many roles because the platform trusts each for its own roles only: a
 * citizen-issuer token claiming ADMIN must grant nothing.
 */
enum Issuer {
    /** The council's staff directory; Entra ID in production. */
    STAFF("staff"),
    /** The citizen identity provider. */
    CITIZENS("citizens"),
    /** Client-credentials tokens for partner agencies. */
    PARTNERS("partners");

    private final String segment;

    Issuer(String segment) {
        this.segment = segment;
    }

    /** The path under the base URL, without slashes: {@code staff}. */
    String segment() {
        return segment;
    }
}
