package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class RequestPrincipalTest {

    private final ThreadLocalRestores restores = new ThreadLocalRestores();

    private final Authentication caller = new TestingAuthenticationToken("someone", "n/a");

    @AfterEach
    void remove() {
        restores.close();
    }

    @Test
    void givesTheCallerSpringSecuritysExchangeGivesWithoutRestoringThreadLocals() {
        Context request = restores.request(caller);

        // Control: Spring Security's exchange gives the caller and restores the thread-locals.
        assertThat(securedExchange().getPrincipal().contextWrite(request).block()).isSameAs(caller);
        assertThat(restores.count()).isPositive();

        restores.reset();
        assertThat(RequestPrincipal.current().contextWrite(request).block()).isSameAs(caller);
        assertThat(restores.count()).isZero();
    }

    @Test
    void anAnonymousRequestHasNoCallerAsWithSpringSecuritysExchange() {
        Context noContext = restores.request(null);
        Context noAuthentication =
                ReactiveSecurityContextHolder.withSecurityContext(
                                Mono.just(new SecurityContextImpl()))
                        .putAll(noContext.readOnly());
        for (Context request : new Context[] {noContext, noAuthentication}) {
            assertThat(securedExchange().getPrincipal().contextWrite(request).blockOptional())
                    .isEmpty();
            assertThat(RequestPrincipal.current().contextWrite(request).blockOptional()).isEmpty();
        }
    }

    private static ServerWebExchange securedExchange() {
        return ThreadLocalRestores.securedExchange(MockServerHttpRequest.get("/api/content"));
    }
}
