package uk.gov.hertfordshire.cases.fees;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code POST /api/cases/{id}/fee-payment/start}: starts paying the case's fee and answers where
 * the citizen pays ({@code nextUrl}); {@code GET /api/cases/{id}/fee-payment}: the fee and whether
 * it has been paid. The citizen who made the request, or an agent on their behalf (staff may also
 * read).
 */
@RestController
@RequestMapping("/api/cases/{id}/fee-payment")
class FeePaymentStartController {

    private final FeePaymentStart start;
    private final Fees fees;
    private final CaseSubmissionService cases;
    private final Catalogue catalogue;

    FeePaymentStartController(
            FeePaymentStart start, Fees fees, CaseSubmissionService cases, Catalogue catalogue) {
        this.start = start;
        this.fees = fees;
        this.cases = cases;
        this.catalogue = catalogue;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/start")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    ResponseEntity<?> start(
            @PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Caller caller) {
        return start.start(id, caller, idempotencyKey)
                .<ResponseEntity<?>>map(
                        payment ->
                                ResponseEntity.status(HttpStatus.CREATED)
                                        .body(
                                                new StartedView(
                                                        payment.paymentId(),
                                                        payment.nextUrl(),
                                                        payment.amountPence(),
                                                        Fees.CURRENCY)))
                .orElseGet(FeePaymentStartController::notFound);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT', 'OFFICER', 'ADMIN')")
    ResponseEntity<?> fee(@PathVariable UUID id, Caller caller) {
        return cases.findAsReporterOrStaff(id, caller)
                .<ResponseEntity<?>>map(
                        found -> {
                            Integer fee =
                                    catalogue
                                            .findIncludingWithdrawn(found.serviceCode())
                                            .orElseThrow()
                                            .feePence();
                            Optional<Fees.Payment> paid = fees.recorded(id);
                            return ResponseEntity.ok(
                                    new FeeView(
                                            fee,
                                            Fees.CURRENCY,
                                            paid.isPresent(),
                                            paid.map(FeeController.FeePaymentView::of)
                                                    .orElse(null)));
                        })
                .orElseGet(FeePaymentStartController::notFound);
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.of(
                        ProblemDetail.forStatusAndDetail(
                                HttpStatus.NOT_FOUND, "No case was found with this id."))
                .build();
    }

    /**
     * @param paymentId the provider's id, to confirm the payment with when the citizen is back
     * @param nextUrl where the citizen pays
     */
    record StartedView(String paymentId, String nextUrl, long amountPence, String currency) {}

    /**
     * @param feePence the service's fee, or null if it has none
     * @param payment the recorded payment, or null if not paid
     */
    record FeeView(
            Integer feePence,
            String currency,
            boolean paid,
            FeeController.FeePaymentView payment) {}
}
