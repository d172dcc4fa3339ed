package uk.gov.hertfordshire.gateway.security;

import java.time.Clock;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.platform.security.VerifiedTokens;

/**
 * The callers whose bearer tokens this gateway has verified, each held no longer than its token's
 * {@code exp}, in front of the issuers' authentication managers (ADR 22, ADR 25). A repeated token
 * costs one map lookup instead of reading its issuer out of the token, the decoder's own cache of
 * verified tokens and the mapping of its claims to a caller and roles: together about a twentieth
 * of the gateway's CPU per request in a profile (docs/benchmarks/gateway.md).
 *
 * <p>The memory is security-policy's {@link VerifiedTokens}, so its rules are those of ADR 22: the
 * key is the whole compact token, signature included, so a token differing in any character is
 * verified afresh; only a token that passed every check is remembered, and only while its expiry is
 * ahead; the expiry is checked again on every hit, so a remembered token is refused from its {@code
 * exp} on; refusals are never remembered.
 */
final class VerifiedCallers implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

    /** Distinct live tokens held at once; beyond it the least used are verified again. */
    static final int DEFAULT_CAPACITY = 4_096;

    private final ReactiveAuthenticationManagerResolver<ServerWebExchange> issuers;
    private final VerifiedTokens<CallerAuthentication> verified;

    VerifiedCallers(
            ReactiveAuthenticationManagerResolver<ServerWebExchange> issuers,
            int capacity,
            Clock clock) {
        this.issuers = issuers;
        this.verified = new VerifiedTokens<>(capacity, clock, CallerAuthentication::getToken);
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
        return verified.find(token);
    }

    private void remember(Authentication authentication) {
        if (authentication instanceof CallerAuthentication caller) {
            verified.remember(caller);
        }
    }
}
