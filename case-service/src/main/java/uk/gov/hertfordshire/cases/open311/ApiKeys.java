package uk.gov.hertfordshire.cases.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The civic apps' Open311 API keys: issued by ADMIN (the key is shown once), listed, revoked, and
 * checked on every POST. Only the SHA-256 of a key is stored (ADR 6): a key is 256 random bits, so
 * its hash cannot be reversed or guessed, and no slow password hash is needed; a lookup by hash
 * also leaks nothing through timing that would help guess a key.
 */
@Service
class ApiKeys {

    /** Keys start with this, so one found in a log or a repository is recognisable. */
    static final String PREFIX = "o311_";

    private static final int KEY_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An app's identity, as a case's {@code submitted_by} and the Idempotency-Key scope. */
    record ApiKeyIdentity(UUID id, String name) {
        String submitter() {
            return "open311-api-key|" + id;
        }
    }

    /** A key as an admin sees it: never the key itself. */
    record ApiKeyView(
            UUID id,
            String name,
            String keyPrefix,
            Instant createdAt,
            String createdBy,
            Instant revokedAt,
            String revokedBy) {}

    /** A newly issued key: the only time {@code key} is available. */
    record IssuedKey(UUID id, String name, String keyPrefix, String key, Instant createdAt) {}

    @Transactional
    IssuedKey issue(String name, String issuedBy) {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String shown = key.substring(0, SHOWN_PREFIX_LENGTH);
        jdbc.sql(
                        "INSERT INTO open311_api_key (id, name, key_prefix, key_sha256, created_at,"
                                + " created_by) VALUES (:id, :name, :prefix, :hash, :at, :by)")
                .param("id", id)
                .param("name", name)
                .param("prefix", shown)
                .param("hash", sha256(key))
                .param("at", Timestamp.from(now))
                .param("by", issuedBy)
                .update();
        return new IssuedKey(id, name, shown, key, now);
    }

    @Transactional(readOnly = true)
    List<ApiKeyView> list() {
        return jdbc.sql(
                        "SELECT id, name, key_prefix, created_at, created_by, revoked_at,"
                                + " revoked_by FROM open311_api_key ORDER BY created_at, id")
                .query(
                        (rs, n) ->
                                new ApiKeyView(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("name"),
                                        rs.getString("key_prefix"),
                                        rs.getTimestamp("created_at").toInstant(),
                                        rs.getString("created_by"),
                                        rs.getTimestamp("revoked_at") == null
                                                ? null
                                                : rs.getTimestamp("revoked_at").toInstant(),
                                        rs.getString("revoked_by")))
                .list();
    }

    /**
     * Revokes the key from now on; revoking it again changes nothing.
     *
     * @return false if there is no such key
     */
    @Transactional
    boolean revoke(UUID id, String revokedBy) {
        jdbc.sql(
                        "UPDATE open311_api_key SET revoked_at = :at, revoked_by = :by"
                                + " WHERE id = :id AND revoked_at IS NULL")
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("by", revokedBy)
                .param("id", id)
                .update();
        return jdbc.sql("SELECT count(*) FROM open311_api_key WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The app a key belongs to, if the key was issued and is not revoked. */
    Optional<ApiKeyIdentity> authenticate(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(
                        "SELECT id, name FROM open311_api_key WHERE key_sha256 = :hash"
                                + " AND revoked_at IS NULL")
                .param("hash", sha256(key))
                .query(
                        (rs, n) ->
                                new ApiKeyIdentity(
                                        rs.getObject("id", UUID.class), rs.getString("name")))
                .optional();
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
