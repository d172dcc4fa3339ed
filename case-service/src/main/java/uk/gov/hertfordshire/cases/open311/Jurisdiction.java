package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * {@code jurisdiction_id}, accepted on every method. This endpoint serves one jurisdiction, so by
 * the spec the parameter is optional (absent or empty is fine); a value naming another jurisdiction
 * is the spec's "404 - jurisdiction_id provided was not found".
 */
@Component
class Jurisdiction {

    private final Open311Properties properties;

    Jurisdiction(Open311Properties properties) {
        this.properties = properties;
    }

    void check(HttpServletRequest request) {
        String[] given = request.getParameterValues("jurisdiction_id");
        if (given == null) {
            return;
        }
        for (String value : given) {
            if (!value.isEmpty() && !value.equalsIgnoreCase(properties.jurisdictionId())) {
                throw Open311Exception.notFound(
                        "jurisdiction_id '"
                                + value
                                + "' provided was not found; this endpoint serves "
                                + properties.jurisdictionId()
                                + ".");
            }
        }
    }
}
