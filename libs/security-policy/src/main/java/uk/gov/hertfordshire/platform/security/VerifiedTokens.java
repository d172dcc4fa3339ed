package uk.gov.hertfordshire.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What this component made of tokens it has already verified, each held no longer than its token's
 * own {@code exp}, so a caller's second request costs a map lookup instead of a signature check
 * (ADR 22). The decoders here hold the {@link Jwt} itself; the gateway holds the caller it mapped
 * the token to.
 *
 * <p>The key is the whole compact token, signature included: a token differing in any character is
 * a different key and is verified afresh. Only tokens that passed every check are remembered (a
 * refusal never reaches {@link #remember}), and only while their expiry is ahead; a token without
 * one (already refused by the validator) never is. The expiry is checked again on every hit, so a
 * token is refused from its {@code exp} onwards even if the cache has not yet evicted it, which is
 * stricter than the validator's clock skew. At most {@code capacity} tokens are held; beyond it the
 * least used are verified again.
 *
 * @param <T> what is held for each token
 */
public final class VerifiedTokens<T> {

    /** Distinct live tokens the decoders hold at once. */
    static final int DEFAULT_CAPACITY = 1_024;

    private final Cache<String, T> verified;
    private final Function<? super T, Jwt> tokenOf;
    private final Clock clock;

    /**
     * @param capacity distinct live tokens held at once
     * @param clock the clock each token's {@code exp} is compared with
     * @param tokenOf the verified token a held value was made from
     */
    public VerifiedTokens(int capacity, Clock clock, Function<? super T, Jwt> tokenOf) {
        this.clock = clock;
        this.tokenOf = tokenOf;
        this.verified =
                Caffeine.newBuilder().maximumSize(capacity).expireAfter(new UntilExpiry()).build();
    }

    /** Verified tokens themselves, as the decoders hold them. */
    static VerifiedTokens<Jwt> jwts(int capacity, Clock clock) {
        return new VerifiedTokens<>(capacity, clock, jwt -> jwt);
    }

    static VerifiedTokens<Jwt> withDefaults() {
        return jwts(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /** What was held for the token, or {@code null} if it was not verified or has since expired. */
    public T find(String token) {
        T known = verified.getIfPresent(token);
        if (known == null) {
            return null;
        }
        if (!clock.instant().isBefore(tokenOf.apply(known).getExpiresAt())) {
            verified.invalidate(token);
            return null;
        }
        return known;
    }

    /**
     * Remembers what was made of a token that has just passed every check, while it is unexpired.
     */
    public void remember(T value) {
        Jwt jwt = tokenOf.apply(value);
        Instant expiry = jwt.getExpiresAt();
        if (expiry != null && clock.instant().isBefore(expiry)) {
            verified.put(jwt.getTokenValue(), value);
        }
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** Each entry lives until its token's own expiry, by this cache's clock. */
    private final class UntilExpiry implements Expiry<String, T> {

        @Override
        public long expireAfterCreate(String token, T value, long currentTime) {
            Duration left = Duration.between(clock.instant(), tokenOf.apply(value).getExpiresAt());
            return left.isNegative() ? 0 : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(
                String token, T value, long currentTime, long currentDuration) {
            return expireAfterCreate(token, value, currentTime);
        }

        @Override
        public long expireAfterRead(String token, T value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
