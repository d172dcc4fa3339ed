package uk.gov.hertfordshire.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens this component has already verified, each held no longer than its own {@code exp}, so a
 * caller's second request costs a map lookup instead of a signature check (ADR 22).
 *
 * <p>The key is the whole compact token, signature included: a token differing in any character is
 * a different key and is verified afresh. Only tokens that passed every check are remembered, and
 * only while their expiry is ahead; a token without one (already refused by the validator) never
 * is. The expiry is checked again on every hit, so a token is refused from its {@code exp} onwards
 * even if the cache has not yet evicted it, which is stricter than the validator's clock skew.
 */
final class VerifiedTokens {

    /** Distinct live tokens held at once; beyond it the least used are verified again. */
    static final int DEFAULT_CAPACITY = 4_096;

    private final Cache<String, Jwt> verified;
    private final Clock clock;

    VerifiedTokens(int capacity, Clock clock) {
        this.clock = clock;
        this.verified =
                Caffeine.newBuilder().maximumSize(capacity).expireAfter(new UntilExpiry()).build();
    }

    static VerifiedTokens withDefaults() {
        return new VerifiedTokens(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /** The token as verified earlier, or {@code null} if it was not or has since expired. */
    Jwt find(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        if (!clock.instant().isBefore(jwt.getExpiresAt())) {
            verified.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Remembers a token that has just passed every check, while its expiry is ahead. */
    void remember(Jwt jwt) {
        Instant expiry = jwt.getExpiresAt();
        if (expiry != null && clock.instant().isBefore(expiry)) {
            verified.put(jwt.getTokenValue(), jwt);
        }
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** Each entry lives until its token's own expiry, by this cache's clock. */
    private final class UntilExpiry implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
            return left.isNegative() ? 0 : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(
                String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
