package uk.gov.hertfordshire.cases.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The council as Open311 names it.
 *
 * @param jurisdictionId the one {@code jurisdiction_id} this endpoint serves: by the spec's
 *     suggestion, the council's website root without "www"
 * @param councilName the agency responsible when the catalogue names no team
 */
@ConfigurationProperties("platform.open311")
record Open311Properties(
        @DefaultValue("hertfordshire.gov.uk") String jurisdictionId,
        @DefaultValue("Hertfordshire County Council") String councilName) {}
