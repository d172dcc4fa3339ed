package uk.gov.hertfordshire.platform.govukpay;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The stand-in's payments, in memory (a restart forgets them, as a test account's are of no
 * consequence). A payment not finished within 90 minutes of its creation has expired (P0020), as at
 * GOV.UK Pay.
 */
final class Payments {

    static final Duration EXPIRES_AFTER = Duration.ofMinutes(90);
    private static final Set<String> UNFINISHED = Set.of("created", "started", "submitted");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Map<String, Payment> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();
    private final Set<String> redeemed = ConcurrentHashMap.newKeySet();
    private final Map<String, Keyed> byIdempotencyKey = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Payments(Clock clock) {
        this.clock = clock;
    }

    /** What a create request asked for; the same key with another request is refused. */
    record Request(
            long amount,
            String reference,
            String description,
            String returnUrl,
            String language,
            String email) {}

    private record Keyed(Request request, String paymentId) {}

    /** Either the payment (new or, for a repeated key, the earlier one) or a key conflict. */
    record Created(Payment payment, boolean isNew, boolean keyConflict) {}

    Created create(Request request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Keyed[] made = new Keyed[1];
            Keyed keyed =
                    byIdempotencyKey.computeIfAbsent(
                            idempotencyKey,
                            key -> made[0] = new Keyed(request, store(request).paymentId()));
            if (keyed != made[0]) {
                return keyed.request().equals(request)
                        ? new Created(find(keyed.paymentId()).orElseThrow(), false, false)
                        : new Created(null, false, true);
            }
            return new Created(find(keyed.paymentId()).orElseThrow(), true, false);
        }
        return new Created(store(request), true, false);
    }

    private Payment store(Request request) {
        Payment payment =
                new Payment(
                        newPaymentId(),
                        UUID.randomUUID().toString(),
                        request.amount(),
                        request.reference(),
                        request.description(),
                        request.returnUrl(),
                        request.language(),
                        request.email(),
                        Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                        Payment.State.CREATED,
                        null);
        byId.put(payment.paymentId(), payment);
        idByToken.put(payment.chargeToken(), payment.paymentId());
        return payment;
    }

    /** Puts a payment in as it stands (for tests that need one in a given state). */
    void put(Payment payment) {
        byId.put(payment.paymentId(), payment);
        idByToken.put(payment.chargeToken(), payment.paymentId());
    }

    /** How many payments are in each status (expired ones counted as failed). */
    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String id : byId.keySet()) {
            find(id).ifPresent(p -> counts.merge(p.state().status(), 1L, Long::sum));
        }
        return counts;
    }

    Optional<Payment> find(String paymentId) {
        return Optional.ofNullable(byId.computeIfPresent(paymentId, (id, p) -> expired(p)));
    }

    /**
     * The payment a {@code next_url} token opens. A token opens its payment once (GOV.UK Pay's
     * rule); the browser then carries it as its session for that payment only.
     */
    Optional<Payment> redeem(String chargeToken) {
        String id = idByToken.get(chargeToken);
        return id != null && redeemed.add(chargeToken) ? find(id) : Optional.empty();
    }

    /** Whether a browser holding this redeemed token may work on this payment. */
    boolean sessionMayUse(String chargeToken, String paymentId) {
        return chargeToken != null
                && redeemed.contains(chargeToken)
                && paymentId.equals(idByToken.get(chargeToken));
    }

    /** Applies a step of the journey atomically; empty if there is no such payment. */
    Optional<Payment> update(String paymentId, UnaryOperator<Payment> step) {
        return Optional.ofNullable(
                byId.computeIfPresent(paymentId, (id, p) -> step.apply(expired(p))));
    }

    private Payment expired(Payment payment) {
        boolean late =
                UNFINISHED.contains(payment.state().status())
                        && !Instant.now(clock).isBefore(payment.createdDate().plus(EXPIRES_AFTER));
        return late ? payment.with(Payment.State.EXPIRED) : payment;
    }

    private String newPaymentId() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
