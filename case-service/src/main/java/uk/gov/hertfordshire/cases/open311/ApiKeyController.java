package uk.gov.hertfordshire.cases.open311;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/open311/keys}: ADMIN issues a civic app's Open311 API key (the response is the only
 * time the key is shown), lists keys (never the keys themselves) and revokes one, which stops it
 * working on the next request.
 */
@RestController
@RequestMapping("/api/open311/keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /** Who the key is for, e.g. {@code FixMyStreet} or {@code open311-demo}. */
    record IssueKeyRequest(
            @NotNull
                    @Pattern(
                            regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}",
                            message =
                                    "must be 1 to 100 letters, digits, spaces, dots, hyphens or"
                                            + " underscores, starting with a letter or digit")
                    String name) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ApiKeys.IssuedKey> issue(
            @Valid @RequestBody IssueKeyRequest request, Caller caller) {
        ApiKeys.IssuedKey issued = keys.issue(request.name(), caller.id());
        return ResponseEntity.created(URI.create("/api/open311/keys/" + issued.id()))
                .header("Cache-Control", "no-store")
                .body(issued);
    }

    @GetMapping
    List<ApiKeys.ApiKeyView> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable UUID id, Caller caller) {
        if (keys.revoke(id, caller.id())) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.of(
                        ProblemDetail.forStatusAndDetail(
                                HttpStatus.NOT_FOUND, "No Open311 API key has this id."))
                .build();
    }
}
