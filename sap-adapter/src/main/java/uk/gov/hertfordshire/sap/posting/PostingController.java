package uk.gov.hertfordshire.sap.posting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/sap/postings}, for administrators: the ledger by state, one posting with its ETag,
 * and {@code POST /{id}/resubmission} to correct a rejected posting's GL account or cost centre and
 * send it again. The amount never changes; a posted entry cannot be re-submitted (409); the
 * correction names the version it was made to in {@code If-Match} (none 428, another 412).
 */
@RestController
@RequestMapping("/api/sap/postings")
@PreAuthorize("hasRole('ADMIN')")
class PostingController {

    private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,9})\"");
    private static final int MAX_LIMIT = 500;

    private final PostingLedger ledger;
    private final PostingCorrection correction;

    PostingController(PostingLedger ledger, PostingCorrection correction) {
        this.ledger = ledger;
        this.correction = correction;
    }

    @GetMapping
    List<PostingView> list(
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        PostingState wanted = state == null ? null : PostingState.fromWire(state);
        return ledger.list(wanted, limit).stream().map(PostingView::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<PostingView> one(@PathVariable UUID id) {
        return ledger.find(id).map(PostingController::ok).orElseThrow(PostingNotFound::new);
    }

    @PostMapping("/{id}/resubmission")
    ResponseEntity<PostingView> resubmit(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody Correction body) {
        Posting changed = correction.resubmit(id, version(ifMatch), body);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .eTag(etag(changed))
                .body(PostingView.of(changed));
    }

    @ExceptionHandler(PostingNotFound.class)
    ResponseEntity<ProblemDetail> notFound() {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No posting has this id.");
    }

    @ExceptionHandler(PostingCorrection.Refused.class)
    ResponseEntity<ProblemDetail> refused(PostingCorrection.Refused refused) {
        return switch (refused.reason()) {
            case NOT_FOUND -> notFound();
            case VERSION_REQUIRED ->
                    problem(
                            HttpStatus.PRECONDITION_REQUIRED,
                            "If-Match required",
                            refused.getMessage());
            case STALE_VERSION ->
                    problem(HttpStatus.PRECONDITION_FAILED, "Stale version", refused.getMessage());
            case NOT_REJECTED ->
                    problem(HttpStatus.CONFLICT, "Posting not rejected", refused.getMessage());
        };
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static ResponseEntity<PostingView> ok(Posting posting) {
        return ResponseEntity.ok().eTag(etag(posting)).body(PostingView.of(posting));
    }

    private static String etag(Posting posting) {
        return "\"" + posting.version() + "\"";
    }

    /** The version a strong ETag of ours names; -1 for anything else (it then fails, 412). */
    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.strip());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static final class PostingNotFound extends RuntimeException {}

    /**
     * A correction: the accounts SAP should be sent instead; a field left out keeps its value.
     *
     * @param glAccount the GL account, up to ten digits
     * @param costCentre the cost centre, up to ten letters or digits
     */
    record Correction(String glAccount, String costCentre) {}

    /** A posting as administrators see it. */
    record PostingView(
            UUID id,
            UUID sourceEventId,
            String sourceEventType,
            String subject,
            String serviceCode,
            long amountPence,
            String currency,
            LocalDate postingDate,
            String companyCode,
            String glAccount,
            String costCentre,
            String offsetGlAccount,
            String documentKind,
            String supplier,
            String state,
            int sends,
            Instant nextAttemptAt,
            String sapDocument,
            String sapFiscalYear,
            String sapMessage,
            Instant receivedAt,
            Instant postedAt,
            int version) {

        static PostingView of(Posting p) {
            return new PostingView(
                    p.id(),
                    p.sourceEventId(),
                    p.sourceEventType(),
                    p.subject(),
                    p.serviceCode(),
                    p.amountPence(),
                    p.currency(),
                    p.postingDate(),
                    p.companyCode(),
                    p.glAccount(),
                    p.costCentre(),
                    p.offsetGlAccount(),
                    p.commitment() ? "commitment" : "journal-entry",
                    p.supplier(),
                    p.state().wireValue(),
                    p.sends(),
                    p.state() == PostingState.PENDING ? p.nextAttemptAt() : null,
                    p.sapDocument(),
                    p.sapFiscalYear(),
                    p.sapMessage(),
                    p.receivedAt(),
                    p.postedAt(),
                    p.version());
        }
    }
}
