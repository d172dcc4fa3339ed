package uk.gov.hertfordshire.cases.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * Staff actions on a case ({@code POST /api/cases/{id}/triage}, {@code /assign}, {@code /start},
 * {@code /resolve}, {@code /close}, {@code /reopen}, {@code /reject}, {@code /mark-duplicate}), and
 * its updates ({@code /api/cases/{id}/updates}). An action the case's status does not allow answers
 * 409 naming the statuses it is allowed from.
 */
@RestController
@RequestMapping("/api/cases/{id}")
class LifecycleController {

    private static final String WORKS_CASES = "hasAnyRole('OFFICER', 'ADMIN')";

    private final CaseLifecycle lifecycle;
    private final CaseSubmissionService submissions;

    LifecycleController(CaseLifecycle lifecycle, CaseSubmissionService submissions) {
        this.lifecycle = lifecycle;
        this.submissions = submissions;
    }

    /**
     * One action on the case; the path names it ({@link CaseAction#wireValue()}), and a path that
     * names no action is not mapped here at all.
     */
    @PostMapping("/{action:triage|assign|start|resolve|close|reopen|reject|mark-duplicate}")
    @PreAuthorize(WORKS_CASES)
    ResponseEntity<?> act(
            @PathVariable UUID id,
            @PathVariable String action,
            @Valid @RequestBody(required = false) ActionRequest body,
            Caller caller) {
        return lifecycle
                .apply(
                        id,
                        CaseAction.fromWire(action),
                        body == null ? ActionRequest.NONE : body,
                        caller)
                .<ResponseEntity<?>>map(
                        status -> ResponseEntity.ok(new ActionResult(id, status.wireValue())))
                .orElseGet(LifecycleController::notFound);
    }

    /** Adds a public update (the citizen sees it) or an internal note (staff only). */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/updates")
    @PreAuthorize("hasAnyRole('AGENT', 'OFFICER', 'ADMIN')")
    ResponseEntity<?> addUpdate(
            @PathVariable UUID id, @Valid @RequestBody UpdateRequest body, Caller caller) {
        return lifecycle
                .addUpdate(id, body.text(), body.isPublic(), caller)
                .<ResponseEntity<?>>map(
                        update ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/cases/"
                                                                + id
                                                                + "/updates/"
                                                                + update.id()))
                                        .body(UpdateView.of(update)))
                .orElseGet(LifecycleController::notFound);
    }

    /**
     * The case's updates, oldest first. The citizen who reported or follows the case sees the
     * public ones; staff also see internal notes. Anyone else: 404, as for a missing case.
     */
    @GetMapping("/updates")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT', 'OFFICER', 'ADMIN')")
    ResponseEntity<?> updates(@PathVariable UUID id, Caller caller) {
        if (submissions.find(id, caller).isEmpty()) {
            return notFound();
        }
        boolean staff =
                caller.has(Role.AGENT) || caller.has(Role.OFFICER) || caller.has(Role.ADMIN);
        return ResponseEntity.ok(
                lifecycle.updates(id, staff).stream().map(UpdateView::of).toList());
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.of(
                        ProblemDetail.forStatusAndDetail(
                                HttpStatus.NOT_FOUND, "No case was found with this id."))
                .build();
    }

    /** The case's status after the action. */
    record ActionResult(UUID id, String status) {}

    /**
     * A note on a case.
     *
     * @param text what is said, up to 2000 characters
     * @param isPublic true for an update the citizen sees, false for an internal note
     */
    record UpdateRequest(
            @NotNull @Size(min = 1, max = 2000) String text,
            @NotNull @JsonProperty("public") Boolean isPublic) {}

    record UpdateView(
            UUID id,
            String status,
            String text,
            @JsonProperty("public") boolean isPublic,
            Instant createdAt) {
        static UpdateView of(CaseUpdate update) {
            return new UpdateView(
                    update.id(),
                    update.status().wireValue(),
                    update.description(),
                    update.isPublic(),
                    update.createdAt());
        }
    }
}
