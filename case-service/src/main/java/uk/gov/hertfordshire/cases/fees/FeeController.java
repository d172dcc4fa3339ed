package uk.gov.hertfordshire.cases.fees;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code POST /api/cases/{id}/fee-payment}: tells the case that its fee was paid at the payment
 * provider, by the provider's payment id. The citizen who made the request, or an agent taking
 * payment on their behalf.
 */
@RestController
@RequestMapping("/api/cases/{id}/fee-payment")
class FeeController {

    private final Fees fees;

    FeeController(Fees fees) {
        this.fees = fees;
    }

    @ApiResponse(responseCode = "201", description = "The payment is recorded.")
    @ApiResponse(
            responseCode = "200",
            description = "This payment was recorded before: nothing changes.")
    @PostMapping
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    ResponseEntity<?> paid(
            @PathVariable UUID id, @Valid @RequestBody FeePaymentRequest body, Caller caller) {
        return fees.recordPayment(id, body.paymentId(), caller)
                .<ResponseEntity<?>>map(
                        recorded -> {
                            FeePaymentView view = FeePaymentView.of(recorded.payment());
                            return recorded.isNew()
                                    ? ResponseEntity.created(
                                                    URI.create("/api/cases/" + id + "/fee-payment"))
                                            .body(view)
                                    : ResponseEntity.ok(view);
                        })
                .orElseGet(
                        () ->
                                ResponseEntity.of(
                                                ProblemDetail.forStatusAndDetail(
                                                        HttpStatus.NOT_FOUND,
                                                        "No case was found with this id."))
                                        .build());
    }

    /**
     * @param paymentId the payment provider's id for the payment (GOV.UK Pay's payment_id)
     */
    record FeePaymentRequest(@NotNull @Size(min = 1, max = 64) String paymentId) {}

    record FeePaymentView(
            String provider, String paymentId, long amountPence, String currency, Instant paidAt) {
        static FeePaymentView of(Fees.Payment payment) {
            return new FeePaymentView(
                    payment.provider(),
                    payment.paymentReference(),
                    payment.amountPence(),
                    Fees.CURRENCY,
                    payment.paidAt());
        }
    }
}
