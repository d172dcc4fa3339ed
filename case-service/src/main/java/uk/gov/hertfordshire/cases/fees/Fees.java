package uk.gov.hertfordshire.cases.fees;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Records a case's fee once the payment provider confirms it: paid ({@code success}), for the
 * service's fee exactly, and created for this case. The same payment sent again is answered as
 * before and changes nothing; a different payment for a paid case is refused. The provider is asked
 * outside any transaction, so a slow provider holds no database connection; the record is written
 * in a transaction of its own afterwards, under the case's row lock.
 */
@Service
class Fees {

    static final String CURRENCY = "GBP";

    private final JdbcClient jdbc;
    private final CaseSubmissionService cases;
    private final CaseRepository caseRows;
    private final Catalogue catalogue;
    private final ObjectProvider<PaymentProvider> provider;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Fees(
            JdbcClient jdbc,
            CaseSubmissionService cases,
            CaseRepository caseRows,
            Catalogue catalogue,
            ObjectProvider<PaymentProvider> provider,
            Outbox outbox,
            TransactionTemplate transaction,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.caseRows = caseRows;
        this.catalogue = catalogue;
        this.provider = provider;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Records the payment of the case's fee.
     *
     * @return the recorded payment and whether it was recorded now (false: already recorded), or
     *     empty if the caller may not see the case
     */
    Optional<Recorded> recordPayment(UUID caseId, String paymentId, Caller caller) {
        Optional<ServiceCase> readable = cases.findAsReporterOrStaff(caseId, caller);
        if (readable.isEmpty()) {
            return Optional.empty();
        }
        ServiceCase submitted = readable.get();
        CatalogueEntry service =
                catalogue.findIncludingWithdrawn(submitted.serviceCode()).orElseThrow();
        if (service.feePence() == null) {
            throw conflict("The service '" + service.code() + "' has no fee to pay.");
        }
        Optional<Payment> existing = paymentFor(caseId);
        if (existing.isPresent()) {
            if (existing.get().paymentReference().equals(paymentId)) {
                return Optional.of(new Recorded(existing.get(), false));
            }
            throw conflict("The fee for this case has already been paid.");
        }
        PaymentProvider payments =
                provider.getIfAvailable(
                        () -> {
                            throw new PaymentProviderUnavailableException(
                                    "No payment provider is configured here; nothing was"
                                            + " recorded.",
                                    null);
                        });
        PaymentProvider.ProviderPayment payment =
                payments.find(paymentId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "paymentId '"
                                                        + paymentId
                                                        + "' is not a payment at "
                                                        + payments.code()));
        if (!"success".equals(payment.status())) {
            throw conflict(
                    "The payment is '" + payment.status() + "', not 'success': it is not paid.");
        }
        if (payment.amountPence() != service.feePence()) {
            throw new IllegalArgumentException(
                    "The payment is for "
                            + payment.amountPence()
                            + "p but the fee is "
                            + service.feePence()
                            + "p.");
        }
        if (!caseId.toString().equals(payment.reference())) {
            throw new IllegalArgumentException("The payment was not made for this case.");
        }
        // The case is locked only now, in a transaction of its own after the provider answered,
        // so a slow provider never holds a connection or the case; what was decided before the
        // lock is checked again under it.
        return transaction.execute(
                status -> record(caseId, paymentId, payments.code(), payment, service, caller));
    }

    private Optional<Recorded> record(
            UUID caseId,
            String paymentId,
            String provider,
            PaymentProvider.ProviderPayment payment,
            CatalogueEntry service,
            Caller caller) {
        caseRows.lock(caseId).orElseThrow();
        Optional<Payment> meanwhile = paymentFor(caseId);
        if (meanwhile.isPresent()) {
            if (meanwhile.get().paymentReference().equals(paymentId)) {
                return Optional.of(new Recorded(meanwhile.get(), false));
            }
            throw conflict("The fee for this case has already been paid.");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Payment recorded =
                new Payment(provider, paymentId, payment.amountPence(), now, caller.id());
        int inserted =
                jdbc.sql(
                                "INSERT INTO case_fee_payment (case_id, provider, payment_reference,"
                                        + " amount_pence, paid_at, recorded_by) VALUES (:caseId,"
                                        + " :provider, :reference, :amount, :paidAt, :recordedBy)"
                                        + " ON CONFLICT (provider, payment_reference) DO NOTHING")
                        .param("caseId", caseId)
                        .param("provider", recorded.provider())
                        .param("reference", paymentId)
                        .param("amount", recorded.amountPence())
                        .param("paidAt", Timestamp.from(now))
                        .param("recordedBy", caller.id())
                        .update();
        if (inserted == 0) {
            throw conflict("This payment has already paid for another case.");
        }
        outbox.append(
                new CaseFeePaid(
                        caseId.toString(),
                        service.code(),
                        recorded.amountPence(),
                        CURRENCY,
                        recorded.provider(),
                        paymentId,
                        now));
        return Optional.of(new Recorded(recorded, true));
    }

    /** The case's fee payment, if one has been recorded. */
    Optional<Payment> recorded(UUID caseId) {
        return paymentFor(caseId);
    }

    private Optional<Payment> paymentFor(UUID caseId) {
        return jdbc.sql(
                        "SELECT provider, payment_reference, amount_pence, paid_at, recorded_by"
                                + " FROM case_fee_payment WHERE case_id = :caseId")
                .param("caseId", caseId)
                .query(
                        (rs, row) ->
                                new Payment(
                                        rs.getString("provider"),
                                        rs.getString("payment_reference"),
                                        rs.getLong("amount_pence"),
                                        rs.getTimestamp("paid_at").toInstant(),
                                        rs.getString("recorded_by")))
                .optional();
    }

    private static ErrorResponseException conflict(String detail) {
        return new ErrorResponseException(
                HttpStatus.CONFLICT,
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail),
                null);
    }

    /** A fee payment as recorded. */
    record Payment(
            String provider,
            String paymentReference,
            long amountPence,
            Instant paidAt,
            String recordedBy) {}

    /**
     * @param isNew false when this payment had already been recorded
     */
    record Recorded(Payment payment, boolean isNew) {}
}
