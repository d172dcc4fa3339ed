package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;

/**
 * A service as ADMIN defines it, already checked by {@link ServiceDefinitionRules}.
 *
 * @param code the service code, the Open311 service_code: lower-case letters, digits and hyphens
 * @param name what citizens see, one line
 * @param group the catalogue group (the Open311 group), one line
 * @param description what the service is for
 * @param keywords comma-separated search words, possibly empty
 * @param responseTarget the response target in {@code responseUnit}, more than zero
 * @param responseUnit {@code working_hours} or {@code working_days}
 * @param teamCode the team responsible for the service's cases
 * @param feePence the fee in pence, or null for a free service
 * @param availableOnline whether citizens can request it on the web and in the app
 * @param availableOpen311 whether civic apps can request it through Open311 (public realm only)
 * @param publicRealm true for a place (a pothole), false for a person (a blue badge)
 * @param attributes the questions to ask, in order
 */
public record ServiceDefinition(
        String code,
        String name,
        String group,
        String description,
        String keywords,
        int responseTarget,
        String responseUnit,
        String teamCode,
        Integer feePence,
        boolean availableOnline,
        boolean availableOpen311,
        boolean publicRealm,
        List<ServiceAttribute> attributes) {

    public ServiceDefinition {
        attributes = List.copyOf(attributes);
    }
}
