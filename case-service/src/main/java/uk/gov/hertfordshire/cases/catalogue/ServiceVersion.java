package uk.gov.hertfordshire.cases.catalogue;

import java.time.Instant;

/**
 * A service's definition as stored now, with the version that changes with every change (the API's
 * ETag) and, once withdrawn, when.
 *
 * @param definition what ADMIN defined
 * @param version 1 when created, one more after every change
 * @param changedAt when the last change was made
 * @param withdrawnAt when it stopped taking new cases, or null while it takes them
 */
public record ServiceVersion(
        ServiceDefinition definition, int version, Instant changedAt, Instant withdrawnAt) {

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    public String code() {
        return definition.code();
    }
}
