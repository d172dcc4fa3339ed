package uk.gov.hertfordshire.care.decision;

import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/care/referrals/{id}/proposal} (PRACTITIONER) and {@code .../decision} (CARE_MANAGER).
 */
@RestController
@RequestMapping("/api/care/referrals/{id}")
class DecisionController {

    private final Decisions decisions;

    DecisionController(Decisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping("/proposal")
    @PreAuthorize("hasRole('PRACTITIONER')")
    DecisionView propose(
            @PathVariable UUID id, @RequestBody DecisionRequest request, Caller caller) {
        return DecisionView.of(decisions.propose(id, request.outcome(), request.reason(), caller));
    }

    @PostMapping("/decision")
    @PreAuthorize("hasRole('CARE_MANAGER')")
    DecisionView decide(
            @PathVariable UUID id, @RequestBody DecisionRequest request, Caller caller) {
        return DecisionView.of(decisions.decide(id, request.outcome(), request.reason(), caller));
    }

    @ExceptionHandler(DecisionRefusedException.class)
    ProblemDetail refused(DecisionRefusedException refused) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
    }

    /** An outcome (one of {@code Decisions.outcomes()}) and why. */
    record DecisionRequest(String outcome, String reason) {}

    record DecisionView(
            UUID referralId,
            String proposedOutcome,
            String proposedReason,
            String proposedBy,
            Instant proposedAt,
            String outcome,
            String reason,
            String decidedBy,
            Instant decidedAt) {

        static DecisionView of(Decision decision) {
            return new DecisionView(
                    decision.referralId(),
                    decision.proposedOutcome(),
                    decision.proposedReason(),
                    decision.proposedBy(),
                    decision.proposedAt(),
                    decision.outcome(),
                    decision.reason(),
                    decision.decidedBy(),
                    decision.decidedAt());
        }
    }
}
