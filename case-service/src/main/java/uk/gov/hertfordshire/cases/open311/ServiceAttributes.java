package uk.gov.hertfordshire.cases.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;

/**
 * The questions a service asks beyond the standard fields, as GeoReport v2 service definition
 * attributes. The one place they come from, for {@code services} ({@code metadata}), {@code
 * services/{code}} and the checks on {@code attribute[code]} in {@code POST requests}.
 */
@Component
class ServiceAttributes {

    /**
     * One attribute, with the spec's fields.
     *
     * @param datatype string, number, datetime, text, singlevaluelist or multivaluelist
     * @param values for the list datatypes, key to name, in order; otherwise empty
     */
    record Attribute(
            boolean variable,
            String code,
            String datatype,
            boolean required,
            String datatypeDescription,
            int order,
            String description,
            Map<String, String> values) {

        /** The spec's fields in the spec's order. */
        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("variable", variable);
            fields.put("code", code);
            fields.put("datatype", datatype);
            fields.put("required", required);
            fields.put("datatype_description", datatypeDescription);
            fields.put("order", order);
            fields.put("description", description);
            List<Map<String, Object>> options =
                    values.entrySet().stream()
                            .map(
                                    option -> {
                                        Map<String, Object> value = new LinkedHashMap<>();
                                        value.put("key", option.getKey());
                                        value.put("name", option.getValue());
                                        return value;
                                    })
                            .toList();
            fields.put("values", new Open311Document.Items("value", options));
            return fields;
        }
    }

    private final Catalogue catalogue;

    ServiceAttributes(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The service's attributes, ordered: the catalogue's questions, each one the citizen answers.
     */
    List<Attribute> of(CatalogueEntry service) {
        return catalogue.attributesOf(service.code()).stream()
                .map(
                        question -> {
                            Map<String, String> values = new LinkedHashMap<>();
                            question.values().forEach(v -> values.put(v.key(), v.name()));
                            return new Attribute(
                                    true,
                                    question.code(),
                                    question.datatype().wireValue(),
                                    question.required(),
                                    null,
                                    question.order(),
                                    question.description(),
                                    values);
                        })
                .toList();
    }
}
