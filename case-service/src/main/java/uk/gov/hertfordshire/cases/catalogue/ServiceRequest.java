package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;

/**
 * A service as ADMIN sends it, to create ({@code POST}) or replace ({@code PUT}) it. Every field is
 * nullable here so that {@link ServiceDefinitionRules} can name each one that is missing; nothing
 * else is accepted (request bodies are strict). There is no {@code order} (an attribute's order is
 * its position in the list), no {@code version} (that is {@code If-Match}) and no {@code withdrawn}
 * (that is its own command).
 */
record ServiceRequest(
        String code,
        String name,
        String group,
        String description,
        String keywords,
        Integer responseTarget,
        String responseUnit,
        String teamCode,
        Integer feePence,
        Boolean availableOnline,
        Boolean availableOpen311,
        Boolean publicRealm,
        List<AttributeRequest> attributes) {

    record AttributeRequest(
            String code,
            String datatype,
            Boolean required,
            String description,
            List<ValueRequest> values) {}

    record ValueRequest(String key, String name) {}
}
