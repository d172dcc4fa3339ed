package uk.gov.hertfordshire.platform.support.http;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies refuse fields they do not declare. Without this a caller who sends {@code
 * "status": "resolved"} to a create endpoint is silently ignored and may believe it worked; with it
 * they get a 400 naming the field (mass assignment is refused, not hidden). Only the server's JSON
 * reader is strict: HTTP clients built from the same mapper stay tolerant readers of other systems'
 * answers, and events have their own tolerant mapper.
 */
final class StrictRequestBodies implements ServerHttpMessageConvertersCustomizer {

    @Override
    public void customize(HttpMessageConverters.ServerBuilder builder) {
        // Applied when the converters are built, after every customizer chose its JSON converter.
        builder.configureMessageConvertersList(
                converters -> converters.replaceAll(StrictRequestBodies::strict));
    }

    private static HttpMessageConverter<?> strict(HttpMessageConverter<?> converter) {
        if (converter instanceof JacksonJsonHttpMessageConverter jackson
                && !jackson.getMapper()
                        .isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
            return new JacksonJsonHttpMessageConverter(
                    jackson.getMapper()
                            .rebuild()
                            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .build());
        }
        return converter;
    }
}
