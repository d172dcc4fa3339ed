package uk.gov.hertfordshire.cases.submission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.events.Channel;

/** {@code /api/cases}: submit a case and read it back. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final CaseSubmissionService submissions;

    CaseController(CaseSubmissionService submissions) {
        this.submissions = submissions;
    }

    @PostMapping
    ResponseEntity<CaseView> submit(@Valid @RequestBody SubmitCaseRequest request) {
        SubmittedCase submitted =
                submissions.submit(
                        new CaseSubmission(
                                request.serviceCode(),
                                Channel.fromWire(request.channel()),
                                request.description(),
                                request.location() == null
                                        ? null
                                        : new Location(
                                                request.location().latitude(),
                                                request.location().longitude())));
        return ResponseEntity.created(URI.create("/api/cases/" + submitted.id()))
                .body(CaseView.of(submitted));
    }

    @GetMapping("/{id}")
    ResponseEntity<CaseView> find(@PathVariable UUID id) {
        return submissions
                .find(id)
                .map(CaseView::of)
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    record SubmitCaseRequest(
            @NotNull String serviceCode,
            @NotNull String channel,
            String description,
            @Valid LocationRequest location) {}

    record LocationRequest(@NotNull Double latitude, @NotNull Double longitude) {}

    record CaseView(
            UUID id,
            String serviceCode,
            String channel,
            String status,
            LocationRequest location,
            Instant submittedAt) {

        static CaseView of(SubmittedCase submitted) {
            return new CaseView(
                    submitted.id(),
                    submitted.serviceCode(),
                    submitted.channel().wireValue(),
                    submitted.status(),
                    submitted.location() == null
                            ? null
                            : new LocationRequest(
                                    submitted.location().latitude(),
                                    submitted.location().longitude()),
                    submitted.submittedAt());
        }
    }
}
