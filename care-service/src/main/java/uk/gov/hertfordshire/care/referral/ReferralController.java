package uk.gov.hertfordshire.care.referral;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/care/referrals}: agents and practitioners record referrals that reach the council by
 * phone or in person (from the public, a relative, or the person themselves); care staff read them.
 * Such a referral's agency is the fixed code of its source, never a person's name.
 */
@RestController
@RequestMapping("/api/care/referrals")
class ReferralController {

    /** Staff-recorded sources: the agency code and the Children in Need census source code. */
    static final Map<String, String> SOURCES =
            Map.of("public", "1A", "relative", "1B", "self", "1D");

    private final Referrals referrals;

    ReferralController(Referrals referrals) {
        this.referrals = referrals;
    }

    @PostMapping
    @PreAuthorize("hasRole('AGENT') or hasRole('PRACTITIONER')")
    ResponseEntity<Acknowledgement> record(@RequestBody RecordReferral request, Caller caller) {
        String cinSource = SOURCES.get(request.source());
        if (cinSource == null) {
            throw new IllegalArgumentException("source must be one of public, relative, self");
        }
        Intake intake =
                referrals.receive(
                        new NewReferral(
                                null,
                                null,
                                request.category(),
                                request.priority() == null ? "routine" : request.priority(),
                                request.person(),
                                request.referrerName(),
                                request.concerns(),
                                request.riskIndicators(),
                                null,
                                request.primaryNeedCode(),
                                request.consent(),
                                request.article6(),
                                request.article9(),
                                request.schedule1Condition()),
                        request.source(),
                        cinSource,
                        caller);
        Referral referral = intake.referral();
        return ResponseEntity.created(URI.create("/api/care/referrals/" + referral.id()))
                .body(
                        new Acknowledgement(
                                referral.id(),
                                referral.reference(),
                                referral.status(),
                                referral.receivedAt()));
    }

    /** A referral in full, for care staff; anyone else gets 404, as for one that does not exist. */
    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('PRACTITIONER', 'CARE_MANAGER', 'ADMIN')")
    ResponseEntity<?> read(@PathVariable UUID id, Caller caller) {
        return referrals
                .read(id, caller, "triage")
                .<ResponseEntity<?>>map(referral -> ResponseEntity.ok(ReferralView.of(referral)))
                .orElseGet(
                        () ->
                                ResponseEntity.of(
                                                ProblemDetail.forStatusAndDetail(
                                                        HttpStatus.NOT_FOUND,
                                                        "No referral was found with this id."))
                                        .build());
    }

    /** A care manager allocates an undecided referral to an active practitioner. */
    @PostMapping("/{id}/assignment")
    @PreAuthorize("hasRole('CARE_MANAGER')")
    Assignment assign(@PathVariable UUID id, @RequestBody AssignRequest request, Caller caller) {
        Referral referral = referrals.assign(id, request.staffId(), caller);
        return new Assignment(referral.id(), referral.assignedStaffId());
    }

    @ExceptionHandler(AssignmentRefusedException.class)
    ResponseEntity<ProblemDetail> refused(AssignmentRefusedException refused) {
        return ResponseEntity.status(refused.status())
                .body(ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage()));
    }

    @ExceptionHandler(InvalidReferralException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidReferralException invalid) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "The referral breaks a rule: see errors.");
        problem.setProperty(
                "errors",
                invalid.problems().stream()
                        .map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /**
     * A referral recorded by staff.
     *
     * @param source {@code public}, {@code relative} or {@code self}
     */
    record RecordReferral(
            String source,
            String category,
            String priority,
            Person person,
            String referrerName,
            String concerns,
            List<String> riskIndicators,
            String primaryNeedCode,
            String consent,
            String article6,
            String article9,
            String schedule1Condition) {}

    /** Whom to assign a referral to: a SAP personnel number. */
    record AssignRequest(String staffId) {}

    /** A referral's assignment. */
    record Assignment(UUID referralId, String assignedStaffId) {}

    /** What the recorder is told: the reference to give the caller. */
    record Acknowledgement(UUID id, String reference, String status, Instant receivedAt) {}

    record PersonView(
            String givenName,
            String familyName,
            LocalDate birthDate,
            String nhsNumber,
            String address,
            String postcode) {}

    record ReferralView(
            UUID id,
            String reference,
            String agencyId,
            String ageGroup,
            String category,
            String priority,
            String sourceCode,
            String primaryNeedCode,
            String consent,
            String article6,
            String article9,
            String schedule1Condition,
            PersonView person,
            String referrerName,
            String concerns,
            List<String> riskIndicators,
            String status,
            Instant receivedAt,
            boolean repeatReferral,
            UUID repeatOf,
            String assignedStaffId) {

        static ReferralView of(Referral r) {
            Referral.Details d = r.details();
            Person p = d == null ? null : d.person();
            return new ReferralView(
                    r.id(),
                    r.reference(),
                    r.agencyId(),
                    r.ageGroup(),
                    r.category(),
                    r.priority(),
                    r.sourceCode(),
                    r.primaryNeedCode(),
                    r.consent(),
                    r.article6(),
                    r.article9(),
                    r.schedule1Condition(),
                    p == null
                            ? null
                            : new PersonView(
                                    p.givenName(),
                                    p.familyName(),
                                    p.birthDate(),
                                    p.nhsNumber(),
                                    p.address(),
                                    p.postcode()),
                    d == null ? null : d.referrerName(),
                    d == null ? null : d.concerns(),
                    d == null ? List.of() : d.riskIndicators(),
                    r.status(),
                    r.receivedAt(),
                    r.isRepeat(),
                    r.repeatOf(),
                    r.assignedStaffId());
        }
    }
}
