package uk.gov.hertfordshire.cases.fees;

import java.util.Optional;

/** Where a payment's truth lives: the provider the citizen paid through. */
public interface PaymentProvider {

    /** The provider's code in events, e.g. {@code govuk-pay}. */
    String code();

    /**
     * The payment as the provider holds it.
     *
     * @return empty if the provider has no such payment
     * @throws PaymentProviderUnavailableException if the provider cannot be asked now
     */
    Optional<ProviderPayment> find(String paymentId);

    /**
     * Creates a payment the citizen then completes on the provider's pages.
     *
     * @param reference what the payment is for: the case id
     * @param idempotencyKey the same key answers the same payment, so a retry after a lost answer
     *     creates no second one
     * @throws PaymentProviderUnavailableException if the provider cannot create it now
     */
    NewPayment create(
            long amountPence, String reference, String description, String idempotencyKey);

    /**
     * A payment at the provider.
     *
     * @param amountPence what was (or will be) taken, in pence
     * @param status the provider's status; {@code success} means the money was taken
     * @param reference the reference the payment was created with: the case id
     */
    record ProviderPayment(String paymentId, long amountPence, String status, String reference) {}

    /**
     * A payment just created.
     *
     * @param nextUrl where the citizen goes to pay (GOV.UK Pay's {@code _links.next_url})
     */
    record NewPayment(String paymentId, long amountPence, String nextUrl) {}
}
