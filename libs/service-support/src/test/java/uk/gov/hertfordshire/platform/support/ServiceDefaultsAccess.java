package uk.gov.hertfordshire.platform.support;

import java.util.Map;

/** Lets tests in other packages read the library's defaults. */
public final class ServiceDefaultsAccess {

    private ServiceDefaultsAccess() {}

    public static Map<String, Object> defaults() {
        return ServiceDefaults.DEFAULTS;
    }
}
