package uk.gov.hertfordshire.content.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A client address as an HMAC: enough to count once per address without keeping the address. The
 * HMAC's key is derived from a secret and the one scope the hashes must be comparable within, so
 * they link a client nowhere else: a London day for feedback (one client on two days gives two
 * unrelated hashes), a listing for its reports (its reporters are counted across days, never across
 * listings).
 *
 * <p>The secret is {@code platform.content.feedback.address-key} where set (at least {@value
 * #SHORTEST_CONFIGURED_SECRET} characters), otherwise the random one migration 7 made in the
 * service's own database ({@code address_secret}), read on first use: every replica and every
 * restart hashes alike, and no source file or deployment holds it.
 */
@Component
class AddressHash {

    /** A configured secret shorter than this is refused: it could be guessed. */
    static final int SHORTEST_CONFIGURED_SECRET = 32;

    private final Supplier<byte[]> source;
    private volatile byte[] secret;

    @Autowired
    AddressHash(
            JdbcClient jdbc,
            @Value("${platform.content.feedback.address-key:}") String configured) {
        this(configured.isEmpty() ? () -> stored(jdbc) : configured(configured));
    }

    /** Hashes under the secret {@code source} gives (asked once). */
    AddressHash(Supplier<byte[]> source) {
        this.source = source;
    }

    /** A feedback client's hash: the same all that London day, unrelated to any other day's. */
    String forFeedback(String address, LocalDate londonDay) {
        return hash(address, "feedback " + londonDay);
    }

    /** A reporter's hash: the same on every day for one listing, unrelated to any other's. */
    String forListingReport(String address, UUID listing) {
        return hash(address, "listing-report " + listing);
    }

    private String hash(String address, String scope) {
        byte[] scopeKey = hmac(secret(), scope);
        return HexFormat.of().formatHex(hmac(scopeKey, address));
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            synchronized (this) {
                known = secret;
                if (known == null) {
                    known = source.get();
                    secret = known;
                }
            }
        }
        return known;
    }

    /** The secret migration 7 made in this service's database. */
    private static byte[] stored(JdbcClient jdbc) {
        return jdbc.sql("SELECT secret FROM address_secret")
                .query(String.class)
                .single()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Supplier<byte[]> configured(String configured) {
        if (configured.strip().length() < SHORTEST_CONFIGURED_SECRET) {
            throw new IllegalStateException(
                    "platform.content.feedback.address-key is shorter than "
                            + SHORTEST_CONFIGURED_SECRET
                            + " characters: set a long random value, or leave it unset to use the"
                            + " random secret kept in the database");
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        return () -> bytes;
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
