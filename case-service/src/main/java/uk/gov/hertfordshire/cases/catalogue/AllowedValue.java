package uk.gov.hertfordshire.cases.catalogue;

/**
 * One answer a list attribute allows: Open311's {@code value}.
 *
 * @param key what is sent and stored, e.g. {@code cycle-lane}
 * @param name what the citizen reads, e.g. {@code In a cycle lane}
 */
public record AllowedValue(String key, String name) {}
