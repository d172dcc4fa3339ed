package uk.gov.hertfordshire.platform.support.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys and the first response given for each, per caller, kept for the retention
 * period. Claiming is one atomic insert, so two concurrent requests with the same key cannot both
 * proceed. A claim is leased: if its request neither completes nor commits within the lease (its
 * process died), a retry takes the key over.
 */
final class IdempotencyStore {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration lease;
    private final JsonMapper json = JsonMapper.builder().build();

    IdempotencyStore(JdbcTemplate jdbc, Duration retention, Duration lease) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.lease = lease;
    }

    /** What a request with an already-used key gets. */
    sealed interface Claim {}

    /**
     * The key is new (or its lease ran out): go ahead, then {@link #complete} or {@link #release}.
     */
    record Granted() implements Claim {}

    /** The same key came with a different request. */
    record Mismatch() implements Claim {}

    /** The first request with this key is still being processed. */
    record InFlight() implements Claim {}

    /**
     * The first request completed: answer with its response. A response that carried a secret was
     * not kept ({@code bodyWithheld}): only its status and headers are.
     */
    record Completed(int status, Map<String, String> headers, byte[] body, boolean bodyWithheld)
            implements Claim {}

    /** The first request's work was committed, but its process stopped before it answered. */
    record CarriedOut() implements Claim {}

    Claim claim(String principal, String key, String requestHash) {
        jdbc.update(
                "DELETE FROM platform.idempotency_key WHERE principal = ? AND idempotency_key = ?"
                        + " AND expires_at < now()",
                principal,
                key);
        int inserted =
                jdbc.update(
                        "INSERT INTO platform.idempotency_key (principal, idempotency_key,"
                                + " request_hash, state, expires_at, lease_expires_at) VALUES (?,"
                                + " ?, ?, 'IN_FLIGHT', now() + make_interval(secs => ?), now() +"
                                + " make_interval(secs => ?)) ON CONFLICT DO NOTHING",
                        principal,
                        key,
                        requestHash,
                        retention.toSeconds(),
                        lease.toMillis() / 1000.0);
        if (inserted == 1) {
            return new Granted();
        }
        List<Claim> existing =
                jdbc.query(
                        "SELECT request_hash, state, response_status, response_headers,"
                                + " response_body, body_withheld, committed,"
                                + " lease_expires_at < now() FROM platform.idempotency_key"
                                + " WHERE principal = ? AND idempotency_key = ?",
                        (rs, n) -> {
                            if (!rs.getString(1).equals(requestHash)) {
                                return new Mismatch();
                            }
                            if ("IN_FLIGHT".equals(rs.getString(2))) {
                                if (!rs.getBoolean(8)) {
                                    return new InFlight();
                                }
                                return rs.getBoolean(7)
                                        ? new CarriedOut()
                                        : takeOver(principal, key);
                            }
                            return new Completed(
                                    rs.getInt(3),
                                    json.readValue(rs.getString(4), HEADERS),
                                    rs.getBytes(5),
                                    rs.getBoolean(6));
                        },
                        principal,
                        key);
        // Released between our insert and our read: the caller may simply try again.
        return existing.isEmpty() ? new InFlight() : existing.get(0);
    }

    /** A lapsed, uncommitted claim: ours if no other retry took it first. */
    private Claim takeOver(String principal, String key) {
        int taken =
                jdbc.update(
                        "UPDATE platform.idempotency_key SET lease_expires_at = now() +"
                                + " make_interval(secs => ?) WHERE principal = ? AND"
                                + " idempotency_key = ? AND state = 'IN_FLIGHT' AND NOT committed"
                                + " AND lease_expires_at < now()",
                        lease.toMillis() / 1000.0,
                        principal,
                        key);
        return taken == 1 ? new Granted() : new InFlight();
    }

    /**
     * Records the response.
     *
     * @param body the response body, or null when it carried a secret and must not be kept
     */
    void complete(
            String principal, String key, int status, Map<String, String> headers, byte[] body) {
        jdbc.update(
                "UPDATE platform.idempotency_key SET state = 'COMPLETED', response_status = ?,"
                        + " response_headers = ?::jsonb, response_body = ?, body_withheld = ?"
                        + " WHERE principal = ? AND idempotency_key = ?",
                status,
                json.writeValueAsString(headers),
                body,
                body == null,
                principal,
                key);
    }

    /**
     * Records that the request's work committed; call it inside that transaction, so the two commit
     * together.
     */
    void markCommitted(String principal, String key) {
        jdbc.update(
                "UPDATE platform.idempotency_key SET committed = true"
                        + " WHERE principal = ? AND idempotency_key = ?",
                principal,
                key);
    }

    /** Forgets a key whose request failed on our side, so the caller can retry with it. */
    void release(String principal, String key) {
        jdbc.update(
                "DELETE FROM platform.idempotency_key WHERE principal = ? AND idempotency_key = ?"
                        + " AND NOT committed",
                principal,
                key);
    }

    int deleteExpired() {
        return jdbc.update("DELETE FROM platform.idempotency_key WHERE expires_at < now()");
    }
}
