package uk.gov.hertfordshire.cases.fees;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * Starts paying a case's fee: creates the payment at the provider for the service's fee with the
 * case id as its reference, and hands back where the citizen pays. Nothing is stored and no
 * transaction is open while the provider is asked; the fee is recorded only when the citizen comes
 * back and {@link Fees} confirms the payment with the provider.
 */
@Service
class FeePaymentStart {

    private final CaseSubmissionService cases;
    private final Catalogue catalogue;
    private final Fees fees;
    private final ObjectProvider<PaymentProvider> provider;

    FeePaymentStart(
            CaseSubmissionService cases,
            Catalogue catalogue,
            Fees fees,
            ObjectProvider<PaymentProvider> provider) {
        this.cases = cases;
        this.catalogue = catalogue;
        this.fees = fees;
        this.provider = provider;
    }

    /**
     * @param clientKey the caller's {@code Idempotency-Key}, if any: the provider is given a key
     *     derived from it, so a retry after a lost answer returns the same payment
     * @return the new payment, or empty if the caller may not see the case
     */
    Optional<PaymentProvider.NewPayment> start(UUID caseId, Caller caller, String clientKey) {
        Optional<ServiceCase> readable = cases.findAsReporterOrStaff(caseId, caller);
        if (readable.isEmpty()) {
            return Optional.empty();
        }
        CatalogueEntry service =
                catalogue.findIncludingWithdrawn(readable.get().serviceCode()).orElseThrow();
        if (service.feePence() == null) {
            throw conflict("The service '" + service.code() + "' has no fee to pay.");
        }
        CaseStatus status = readable.get().status();
        if (status == CaseStatus.REJECTED || status == CaseStatus.DUPLICATE) {
            throw conflict("The case is " + status.wireValue() + "; no fee is taken for it.");
        }
        if (fees.recorded(caseId).isPresent()) {
            throw conflict("The fee for this case has already been paid.");
        }
        PaymentProvider payments =
                provider.getIfAvailable(
                        () -> {
                            throw new PaymentProviderUnavailableException(
                                    "No payment provider is configured here; no payment was"
                                            + " started.",
                                    null);
                        });
        return Optional.of(
                payments.create(
                        service.feePence(),
                        caseId.toString(),
                        service.name() + " fee",
                        providerKey(caseId, caller, clientKey)));
    }

    /**
     * The provider's Idempotency-Key: from the caller's own key, scoped to the caller and the case
     * (a key reused for another case is another payment), else a new one.
     */
    static String providerKey(UUID caseId, Caller caller, String clientKey) {
        if (clientKey == null) {
            return UUID.randomUUID().toString();
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (caller.id() + "\n" + caseId + "\n" + clientKey)
                                            .getBytes(StandardCharsets.UTF_8));
            return "case-fee-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform has SHA-256", impossible);
        }
    }

    private static ErrorResponseException conflict(String detail) {
        return new ErrorResponseException(
                HttpStatus.CONFLICT,
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail),
                null);
    }
}
