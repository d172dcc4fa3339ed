package uk.gov.hertfordshire.analytics.projection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/analytics/admin/rebuilds}: start a rebuild of every projection from the start of the
 * log, and follow it. Administrators only: a rebuild reads the whole log and changes what everyone
 * is shown.
 */
@RestController
@RequestMapping("/api/analytics/admin/rebuilds")
@PreAuthorize("hasRole('ADMIN')")
class RebuildController {

    private final Rebuilder rebuilder;
    private final Generations generations;

    RebuildController(Rebuilder rebuilder, Generations generations) {
        this.rebuilder = rebuilder;
        this.generations = generations;
    }

    /** Starts a rebuild; 202 with where to follow it, or 409 while another one runs. */
    @PostMapping
    ResponseEntity<Progress> start(Caller caller) {
        int generation = rebuilder.start(caller.id());
        return ResponseEntity.accepted()
                .location(URI.create("/api/analytics/admin/rebuilds/" + generation))
                .body(progress(generation));
    }

    /** How far a rebuild got; {@code state} is {@code serving} once the API serves it. */
    @GetMapping("/{generation}")
    Progress status(@PathVariable int generation) {
        return progress(generation);
    }

    private Progress progress(int generation) {
        RebuildStatus status =
                generations
                        .status(generation)
                        .orElseThrow(
                                () ->
                                        new ErrorResponseException(
                                                HttpStatus.NOT_FOUND,
                                                ProblemDetail.forStatusAndDetail(
                                                        HttpStatus.NOT_FOUND,
                                                        "There is no generation "
                                                                + generation
                                                                + "."),
                                                null));
        Instant end = status.switchedAt() != null ? status.switchedAt() : status.heartbeatAt();
        Double perSecond = null;
        if (end != null && status.eventsRead() > 0) {
            long millis = Math.max(1, Duration.between(status.startedAt(), end).toMillis());
            perSecond = status.eventsRead() * 1000.0 / millis;
        }
        return new Progress(status, perSecond);
    }

    @ExceptionHandler(Generations.RebuildInProgressException.class)
    ResponseEntity<ProblemDetail> running(Generations.RebuildInProgressException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("A rebuild is already running");
        problem.setProperty("generation", e.generation);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header("Location", "/api/analytics/admin/rebuilds/" + e.generation)
                .body(problem);
    }

    /**
     * @param rebuild the generation and its counts
     * @param eventsPerSecond records read per second from start to switch (or to now)
     */
    record Progress(RebuildStatus rebuild, Double eventsPerSecond) {}
}
