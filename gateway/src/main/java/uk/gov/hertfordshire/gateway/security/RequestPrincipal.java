package uk.gov.hertfordshire.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * The request's authenticated caller, as {@code exchange.getPrincipal()} gives it behind Spring
 * Security's chain (empty for an anonymous caller), read from the request's security context
 * without the thread-local restore that {@code getPrincipal()} brings.
 *
 * <p>Spring Security's exchange answers {@code getPrincipal()} with {@code mapNotNull}, which
 * Reactor runs as a {@code handle} operator; with Micrometer's context propagation on the class
 * path, Reactor restores every registered thread-local around each {@code handle}: the request's
 * observation (opening its scope, the tracing handler's span scope and the logging context's trace
 * ids) and the security context, and then takes them all down again. The access log, the rate limit
 * and the catalogue cache each asked for the principal on every request, and a profile of a kept
 * page's hit put about 4% of the gateway's CPU into those restores (docs/benchmarks/content.md, run
 * I). Nothing they call reads a thread-local.
 */
public final class RequestPrincipal {

    private RequestPrincipal() {}

    /** The caller this request was authenticated as, or empty. */
    public static Mono<Authentication> current() {
        return ReactiveSecurityContextHolder.getContext()
                .filter(context -> context.getAuthentication() != null)
                .map(SecurityContext::getAuthentication);
    }
}
