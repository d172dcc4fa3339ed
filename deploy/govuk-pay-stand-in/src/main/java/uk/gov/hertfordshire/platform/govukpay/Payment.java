package uk.gov.hertfordshire.platform.govukpay;

import java.time.Instant;

/**
 * One payment as GOV.UK Pay holds it. Immutable: every step of the journey makes a new one.
 *
 * @param paymentId GOV.UK Pay's id (26 lower-case letters and digits)
 * @param chargeToken the one-time token in {@code next_url}
 * @param amount in pence
 * @param state where the payment is in GOV.UK Pay's status lifecycle
 * @param card what the paying user entered, without the full number or CVC; null before
 */
record Payment(
        String paymentId,
        String chargeToken,
        long amount,
        String reference,
        String description,
        String returnUrl,
        String language,
        String email,
        Instant createdDate,
        State state,
        Card card) {

    /**
     * GOV.UK Pay's {@code state}: {@code status} is one of created, started, submitted, capturable,
     * success, failed, cancelled, error; {@code code} and {@code message} only when it failed.
     */
    record State(String status, boolean finished, String code, String message) {

        static final State CREATED = new State("created", false, null, null);
        static final State STARTED = new State("started", false, null, null);
        static final State SUBMITTED = new State("submitted", false, null, null);
        static final State SUCCESS = new State("success", true, null, null);
        static final State DECLINED = new State("failed", true, "P0010", "Payment method rejected");
        static final State EXPIRED = new State("failed", true, "P0020", "Payment expired");
        static final State CANCELLED_BY_USER =
                new State("failed", true, "P0030", "Payment was cancelled by the user");
        static final State PROVIDER_ERROR =
                new State("error", true, "P0050", "Payment provider returned an error");

        static State of(String status) {
            return switch (status) {
                case "created" -> CREATED;
                case "started" -> STARTED;
                case "submitted" -> SUBMITTED;
                case "success" -> SUCCESS;
                case "failed" -> DECLINED;
                case "cancelled" ->
                        new State(
                                "cancelled", true, "P0040", "Payment was cancelled by the service");
                case "error" -> PROVIDER_ERROR;
                default -> throw new IllegalArgumentException("Not a GOV.UK Pay status: " + status);
            };
        }
    }

    /**
     * The card as GOV.UK Pay reports it in {@code card_details}.
     *
     * @param expiryDate MM/YY
     */
    record Card(
            String firstDigits,
            String lastDigits,
            String cardholderName,
            String expiryDate,
            String brand) {}

    Payment with(State next) {
        return new Payment(
                paymentId,
                chargeToken,
                amount,
                reference,
                description,
                returnUrl,
                language,
                email,
                createdDate,
                next,
                card);
    }

    Payment with(State next, Card entered) {
        return new Payment(
                paymentId,
                chargeToken,
                amount,
                reference,
                description,
                returnUrl,
                language,
                email,
                createdDate,
                next,
                entered);
    }
}
