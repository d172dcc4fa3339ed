package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

/** A 200 in the format the path asks for. */
final class Open311Responses {

    private Open311Responses() {}

    static ResponseEntity<byte[]> ok(HttpServletRequest request, String root, Object content) {
        Open311Format format = Open311Format.ofPath(request.getRequestURI());
        return ResponseEntity.ok()
                .contentType(format.contentType)
                .body(Open311Document.render(format, root, content));
    }
}
