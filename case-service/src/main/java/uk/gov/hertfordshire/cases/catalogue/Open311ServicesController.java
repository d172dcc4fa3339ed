package uk.gov.hertfordshire.cases.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Open311 GeoReport v2 {@code GET services}: the services a civic app may report, in the spec's XML
 * (required) and JSON, with the spec's field names. Anonymous, like the spec intends.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311ServicesController {

    private final Catalogue catalogue;

    Open311ServicesController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping(value = "/services.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> servicesJson() {
        return catalogue.availableThroughOpen311().stream()
                .map(Open311ServicesController::service)
                .toList();
    }

    @GetMapping(value = "/services.xml")
    ResponseEntity<String> servicesXml() {
        StringBuilder xml =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services>");
        for (CatalogueEntry entry : catalogue.availableThroughOpen311()) {
            xml.append("<service>");
            service(entry).forEach((name, value) -> element(xml, name, value));
            xml.append("</service>");
        }
        xml.append("</services>");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8))
                .body(xml.toString());
    }

    /** The spec's fields, in the spec's order. */
    private static Map<String, Object> service(CatalogueEntry entry) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", entry.code());
        service.put("service_name", entry.name());
        service.put("description", entry.description());
        // No attribute definitions yet: nothing beyond the standard fields to ask.
        service.put("metadata", false);
        service.put("type", "realtime");
        service.put("keywords", entry.keywords());
        service.put("group", entry.group());
        return service;
    }

    private static void element(StringBuilder xml, String name, Object value) {
        xml.append('<').append(name).append('>');
        xml.append(HtmlUtils.htmlEscape(String.valueOf(value), "UTF-8"));
        xml.append("</").append(name).append('>');
    }
}
