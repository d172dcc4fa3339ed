package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * GeoReport v2's error response, an array of {@code {code, description}}: {@code
 * <errors><error><code>403</code><description>...</description></error></errors>} in XML, {@code
 * [{"code":403,"description":"..."}]} in JSON, with the HTTP status as the code.
 */
// Before the shared ProblemDetailsAdvice, whose catch-all would otherwise answer 500.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = Open311Errors.class)
final class Open311Errors {

    static byte[] body(Open311Format format, int status, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("description", description);
        return Open311Document.render(
                format, "errors", new Open311Document.Items("error", List.of(error)));
    }

    /** Writes the error straight to the response, for filters that answer before any handler. */
    static void write(
            HttpServletResponse response, String path, HttpStatusCode status, String description)
            throws IOException {
        Open311Format format = Open311Format.ofPath(path);
        byte[] body = body(format, status.value(), description);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(format.contentType.toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<byte[]> refused(Open311Exception refusal, NativeWebRequest request) {
        Open311Format format =
                Open311Format.ofPath(
                        request.getNativeRequest(jakarta.servlet.http.HttpServletRequest.class)
                                .getRequestURI());
        return ResponseEntity.status(refusal.status())
                .contentType(format.contentType)
                .body(body(format, refusal.status().value(), refusal.getMessage()));
    }
}
