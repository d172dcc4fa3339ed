package uk.gov.hertfordshire.cases.open311;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * The two formats GeoReport v2 offers, chosen by the resource's extension ({@code services.xml},
 * {@code requests/{id}.json}). XML is the spec's required format, so it is also the answer for a
 * path with neither extension.
 */
enum Open311Format {
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8)),
    JSON(new MediaType("application", "json", StandardCharsets.UTF_8));

    /** The spec's content types: {@code text/xml; charset=utf-8}, {@code application/json; ...}. */
    final MediaType contentType;

    Open311Format(MediaType contentType) {
        this.contentType = contentType;
    }

    static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".json") ? JSON : XML;
    }
}
