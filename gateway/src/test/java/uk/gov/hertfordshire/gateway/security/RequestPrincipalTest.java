package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.SecurityContextServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class RequestPrincipalTest {

    private static final String KEY = "request-principal-test";

    /** A thread-local in the request's context, counting each time Reactor restores it. */
    private final AtomicInteger restores = new AtomicInteger();

    private final ThreadLocalAccessor<String> counted =
            new ThreadLocalAccessor<>() {
                @Override
                public Object key() {
                    return KEY;
                }

                @Override
                public String getValue() {
                    return null;
                }

                @Override
                public void setValue(String value) {
                    restores.incrementAndGet();
                }

                @Override
                public void setValue() {}
            };

    private final Authentication caller = new TestingAuthenticationToken("someone", "n/a");

    @BeforeEach
    void register() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(counted);
    }

    @AfterEach
    void remove() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @Test
    void givesTheCallerSpringSecuritysExchangeGivesWithoutRestoringThreadLocals() {
        Context request = ReactiveSecurityContextHolder.withAuthentication(caller).put(KEY, "x");

        // Control: Spring Security's exchange gives the caller and restores the thread-locals.
        assertThat(securedExchange().getPrincipal().contextWrite(request).block()).isSameAs(caller);
        assertThat(restores.get()).isPositive();

        restores.set(0);
        assertThat(RequestPrincipal.current().contextWrite(request).block()).isSameAs(caller);
        assertThat(restores.get()).isZero();
    }

    @Test
    void anAnonymousRequestHasNoCallerAsWithSpringSecuritysExchange() {
        Context noContext = Context.of(KEY, "x");
        Context noAuthentication =
                ReactiveSecurityContextHolder.withSecurityContext(
                                Mono.just(new SecurityContextImpl()))
                        .put(KEY, "x");
        for (Context request : new Context[] {noContext, noAuthentication}) {
            assertThat(securedExchange().getPrincipal().contextWrite(request).blockOptional())
                    .isEmpty();
            assertThat(RequestPrincipal.current().contextWrite(request).blockOptional()).isEmpty();
        }
    }

    private static SecurityContextServerWebExchange securedExchange() {
        return new SecurityContextServerWebExchange(
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/content")),
                ReactiveSecurityContextHolder.getContext());
    }
}
