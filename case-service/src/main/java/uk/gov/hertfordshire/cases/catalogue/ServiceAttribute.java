package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;

/**
 * A question asked when a case of a service is reported: Open311's {@code attribute} (every one is
 * {@code variable}: the citizen answers it).
 *
 * @param code the attribute's code, e.g. {@code depth}; answers are keyed by it
 * @param datatype Open311's datatype
 * @param required whether a report must answer it
 * @param description the question as the citizen reads it
 * @param order its position among the service's questions, from 1
 * @param values the allowed answers of a list datatype, in order; empty for the others
 */
public record ServiceAttribute(
        String code,
        AttributeDatatype datatype,
        boolean required,
        String description,
        int order,
        List<AllowedValue> values) {

    public ServiceAttribute {
        values = List.copyOf(values);
    }
}
