package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;

/**
 * GeoReport v2 {@code GET services} and {@code GET services/{service_code}}: the services a civic
 * app may report and the questions each asks, in the spec's XML (required) and JSON with the spec's
 * field names and order. Anonymous, as the spec intends. A service not offered through Open311
 * (personal services such as blue badges) is "not found" here, like one that does not exist.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311ServicesController {

    /**
     * The gateway-only permission to keep an answer for every caller of the same class until a
     * {@code service-definition-changed} event (ADR 42; CatalogueController has the same).
     */
    static final String GATEWAY_CACHE_CONTROL = "Gateway-Cache-Control";

    static final String GATEWAY_MAY_KEEP = "max-age=5";

    private final Catalogue catalogue;
    private final ServiceAttributes attributes;
    private final Jurisdiction jurisdiction;

    Open311ServicesController(
            Catalogue catalogue, ServiceAttributes attributes, Jurisdiction jurisdiction) {
        this.catalogue = catalogue;
        this.attributes = attributes;
        this.jurisdiction = jurisdiction;
    }

    @GetMapping({"/services.xml", "/services.json"})
    ResponseEntity<byte[]> services(HttpServletRequest request) {
        jurisdiction.check(request);
        List<Map<String, Object>> services =
                catalogue.availableThroughOpen311().stream().map(this::service).toList();
        ResponseEntity<byte[]> list =
                tagged(
                        Open311Responses.ok(
                                request,
                                "services",
                                new Open311Document.Items("service", services)));
        // The same for every caller: the gateway may keep it until the catalogue changes (ADR 42).
        return ResponseEntity.status(list.getStatusCode())
                .headers(list.getHeaders())
                .header(GATEWAY_CACHE_CONTROL, GATEWAY_MAY_KEEP)
                .body(list.getBody());
    }

    @GetMapping({"/services/{code}.xml", "/services/{code}.json"})
    ResponseEntity<byte[]> definition(@PathVariable String code, HttpServletRequest request) {
        jurisdiction.check(request);
        CatalogueEntry service =
                catalogue
                        .find(code)
                        .filter(CatalogueEntry::availableOpen311)
                        .orElseThrow(
                                () ->
                                        Open311Exception.notFound(
                                                "service_code '"
                                                        + code
                                                        + "' provided was not found."));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", service.code());
        definition.put(
                "attributes",
                new Open311Document.Items(
                        "attribute",
                        attributes.of(service).stream()
                                .map(ServiceAttributes.Attribute::fields)
                                .toList()));
        return tagged(Open311Responses.ok(request, "service_definition", definition));
    }

    /**
     * The document with an ETag of its own bytes, so a civic app polling the catalogue gets {@code
     * 304} until it changes (each format has its own bytes, hence its own tag).
     */
    private static ResponseEntity<byte[]> tagged(ResponseEntity<byte[]> document) {
        byte[] body = document.getBody();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        String etag = "\"" + HexFormat.of().formatHex(digest.digest(body), 0, 16) + "\"";
        return ResponseEntity.status(document.getStatusCode())
                .headers(document.getHeaders())
                .eTag(etag)
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    /** The spec's fields, in the spec's order. */
    private Map<String, Object> service(CatalogueEntry entry) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", entry.code());
        service.put("service_name", entry.name());
        service.put("description", entry.description());
        service.put("metadata", !attributes.of(entry).isEmpty());
        service.put("type", "realtime");
        service.put("keywords", entry.keywords());
        service.put("group", entry.group());
        return service;
    }
}
