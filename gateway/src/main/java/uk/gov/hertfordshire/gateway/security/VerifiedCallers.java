package uk.gov.hertfordshire.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The callers whose bearer tokens this gateway has verified, each held no longer than its token's
 * {@code exp}, in front of the issuers' authentication managers (ADR 22, ADR 25). A repeated token
 * costs one map lookup instead of reading its issuer out of the token, the decoder's own cache of
 * verified tokens and the mapping of its claims to a caller and roles: together about a twentieth
 * of the gateway's CPU per request in a profile (docs/benchmarks/gateway.md).
 *
 * <p>The rules are those of ADR 22: the key is the whole compact token, signature included, so a
 * token differing in any character is verified afresh; only a token that passed every check is
 * remembered, and only while its expiry is ahead; the expiry is checked again on every hit, so a
 * remembered token is refused from its {@code exp} on; refusals are never remembered.
 */
final class VerifiedCallers implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

    /** Distinct live tokens held at once; beyond it the least used are verified again. */
    static final int DEFAULT_CAPACITY = 4_096;

    private final ReactiveAuthenticationManagerResolver<ServerWebExchange> issuers;
    private final Cache<String, CallerAuthentication> verified;
    private final Clock clock;

    VerifiedCallers(
            ReactiveAuthenticationManagerResolver<ServerWebExchange> issuers,
            int capacity,
            Clock clock) {
        this.issuers = issuers;
        this.clock = clock;
        this.verified =
                Caffeine.newBuilder().maximumSize(capacity).expireAfter(new UntilExpiry()).build();
    }

    @Override
    public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
        return Mono.just(authentication -> authenticate(exchange, authentication));
    }

    private Mono<Authentication> authenticate(
            ServerWebExchange exchange, Authentication authentication) {
        if (authentication instanceof BearerTokenAuthenticationToken bearer) {
            CallerAuthentication known = find(bearer.getToken());
            if (known != null) {
                return Mono.just(known);
            }
        }
        return issuers.resolve(exchange)
                .flatMap(manager -> manager.authenticate(authentication))
                .doOnNext(this::remember);
    }

    /** The caller of a token verified earlier, or {@code null} if it was not or has expired. */
    CallerAuthentication find(String token) {
        CallerAuthentication known = verified.getIfPresent(token);
        if (known == null) {
            return null;
        }
        if (!clock.instant().isBefore(known.getToken().getExpiresAt())) {
            verified.invalidate(token);
            return null;
        }
        return known;
    }

    private void remember(Authentication authentication) {
        if (authentication instanceof CallerAuthentication caller) {
            Instant expiry = caller.getToken().getExpiresAt();
            if (expiry != null && clock.instant().isBefore(expiry)) {
                verified.put(caller.getToken().getTokenValue(), caller);
            }
        }
    }

    /** Each entry lives until its token's own expiry, by this cache's clock. */
    private final class UntilExpiry implements Expiry<String, CallerAuthentication> {

        @Override
        public long expireAfterCreate(String token, CallerAuthentication caller, long currentTime) {
            Duration left = Duration.between(clock.instant(), caller.getToken().getExpiresAt());
            return left.isNegative() ? 0 : left.toNanos();
        }

        @Override
        public long expireAfterUpdate(
                String token, CallerAuthentication caller, long currentTime, long currentDuration) {
            return expireAfterCreate(token, caller, currentTime);
        }

        @Override
        public long expireAfterRead(
                String token, CallerAuthentication caller, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
