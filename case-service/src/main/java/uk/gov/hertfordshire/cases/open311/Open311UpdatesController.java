package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * mySociety's {@code POST servicerequestupdates} (with an api_key, see {@link ApiKeyFilter}): a
 * citizen's update on a request the app sent, answered as the extension's reference server does,
 * {@code <service_request_updates><request_update><update_id>}: 201 when it is recorded, 200 with
 * the same update_id when the app had sent it before.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311UpdatesController {

    private final Open311Updates updates;
    private final Jurisdiction jurisdiction;

    Open311UpdatesController(Open311Updates updates, Jurisdiction jurisdiction) {
        this.updates = updates;
        this.jurisdiction = jurisdiction;
    }

    @PostMapping({"/servicerequestupdates.xml", "/servicerequestupdates.json"})
    ResponseEntity<byte[]> post(HttpServletRequest request) {
        jurisdiction.check(request);
        ApiKeys.ApiKeyIdentity app =
                (ApiKeys.ApiKeyIdentity) request.getAttribute(ApiKeyFilter.APP);
        if (app == null) {
            // The filter always sets it; without it nothing here may store an update.
            throw new Open311Exception(HttpStatus.FORBIDDEN, "api_key is required.");
        }
        Open311Updates.Stored stored = updates.post(request.getParameterMap(), app);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("update_id", stored.id().toString());
        Open311Format format = Open311Format.ofPath(request.getRequestURI());
        return ResponseEntity.status(stored.recorded() ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(format.contentType)
                .body(
                        Open311Document.render(
                                format,
                                "service_request_updates",
                                new Open311Document.Items("request_update", List.of(answer))));
    }
}
