package uk.gov.hertfordshire.cases.submission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import uk.gov.hertfordshire.cases.servicecase.Location;
import uk.gov.hertfordshire.cases.servicecase.Place;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.security.Caller;

/** {@code /api/cases}: submit a case and read it back. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final CaseSubmissionService submissions;

    CaseController(CaseSubmissionService submissions) {
        this.submissions = submissions;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @PreAuthorize("hasRole('CITIZEN') or hasRole('AGENT')")
    ResponseEntity<CaseView> submit(@Valid @RequestBody SubmitCaseRequest request, Caller caller) {
        ServiceCase submitted =
                submissions.submit(
                        new CaseSubmission(
                                request.serviceCode(),
                                Channel.fromWire(request.channel()),
                                request.description(),
                                request.location() == null
                                        ? null
                                        : new Location(
                                                request.location().latitude(),
                                                request.location().longitude())),
                        new Place(request.address(), request.uprn()),
                        answers(request.attributes()),
                        caller);
        return ResponseEntity.created(URI.create("/api/cases/" + submitted.id()))
                .body(CaseView.of(submitted, CaseAccess.isStaff(caller)));
    }

    /** A case the caller may not read answers 404, exactly like one that does not exist. */
    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT', 'OFFICER', 'ADMIN')")
    ResponseEntity<?> find(@PathVariable UUID id, Caller caller) {
        return submissions
                .find(id, caller)
                .map(
                        found ->
                                CaseAccess.mayRead(caller, found)
                                        ? CaseView.of(found, CaseAccess.isStaff(caller))
                                        : CaseView.forFollower(found))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(
                        () ->
                                ResponseEntity.of(
                                                ProblemDetail.forStatusAndDetail(
                                                        HttpStatus.NOT_FOUND,
                                                        "No case was found with this id."))
                                        .build());
    }

    /**
     * What a caller may set: where the case is as a point, an address (a full postcode in it gives
     * the area figures their postcode district) or a UPRN — one of them for a service about a
     * place. Nothing else is accepted: a request that also sends {@code status}, {@code assignee},
     * {@code priority}, {@code submittedBy}, {@code id} or any other field is refused with a 400
     * naming it (request bodies are strict, see service-support).
     */
    record SubmitCaseRequest(
            @NotNull String serviceCode,
            @NotNull String channel,
            String description,
            @Valid LocationRequest location,
            String address,
            String uprn,
            Map<String, Object> attributes) {}

    /**
     * Answers by attribute code: a string, or a list of strings for a multi-valued question.
     *
     * @throws IllegalArgumentException naming an answer of any other shape
     */
    private static Map<String, List<String>> answers(Map<String, Object> attributes) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        if (attributes == null) {
            return answers;
        }
        attributes.forEach(
                (code, value) -> {
                    if (value instanceof String text) {
                        answers.put(code, List.of(text));
                    } else if (value instanceof List<?> list
                            && list.stream().allMatch(String.class::isInstance)) {
                        answers.put(code, list.stream().map(String.class::cast).toList());
                    } else {
                        throw new IllegalArgumentException(
                                "attributes." + code + " must be a string or a list of strings");
                    }
                });
        return answers;
    }

    record LocationRequest(@NotNull Double latitude, @NotNull Double longitude) {}

    /** A case as its reader sees it. The assigned officer's personnel number is for staff only. */
    record CaseView(
            UUID id,
            String serviceCode,
            String channel,
            String status,
            String description,
            LocationRequest location,
            String address,
            String uprn,
            Instant submittedAt,
            Instant dueAt,
            String teamCode,
            String assigneeStaffId,
            Instant updatedAt,
            Map<String, List<String>> attributes) {

        /**
         * What a citizen who said "me too" sees: where the case is going, not what its reporter
         * wrote, answered or where they live.
         */
        static CaseView forFollower(ServiceCase submitted) {
            return new CaseView(
                    submitted.id(),
                    submitted.serviceCode(),
                    submitted.channel().wireValue(),
                    submitted.status().wireValue(),
                    null,
                    submitted.location() == null
                            ? null
                            : new LocationRequest(
                                    submitted.location().latitude(),
                                    submitted.location().longitude()),
                    null,
                    null,
                    submitted.submittedAt(),
                    submitted.dueAt(),
                    submitted.teamCode(),
                    null,
                    submitted.updatedAt(),
                    Map.of());
        }

        static CaseView of(ServiceCase submitted, boolean staff) {
            return new CaseView(
                    submitted.id(),
                    submitted.serviceCode(),
                    submitted.channel().wireValue(),
                    submitted.status().wireValue(),
                    submitted.description(),
                    submitted.location() == null
                            ? null
                            : new LocationRequest(
                                    submitted.location().latitude(),
                                    submitted.location().longitude()),
                    submitted.place().address(),
                    submitted.place().uprn(),
                    submitted.submittedAt(),
                    submitted.dueAt(),
                    submitted.teamCode(),
                    staff ? submitted.assigneeStaffId() : null,
                    submitted.updatedAt(),
                    submitted.answers());
        }
    }
}
