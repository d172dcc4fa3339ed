package uk.gov.hertfordshire.gateway.security;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.context.SecurityContextServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.Context;

/**
 * A thread-local registered with Micrometer's context propagation that counts each time Reactor
 * restores it from a request's context: what Reactor does for every registered thread-local (the
 * observation's scope, the tracing handler's span scope, the logging ids) around a {@code handle}
 * operator such as Spring Security's {@code exchange.getPrincipal()}. Register before use, {@link
 * #close()} after.
 */
public final class ThreadLocalRestores implements AutoCloseable {

    private static final String KEY = "thread-local-restores-test";

    private final AtomicInteger restores = new AtomicInteger();

    public ThreadLocalRestores() {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        new ThreadLocalAccessor<String>() {
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
                        });
    }

    /** A request's context: the counted thread-local's value and, if given, the caller. */
    public Context request(Authentication caller) {
        Context context =
                caller == null
                        ? Context.empty()
                        : ReactiveSecurityContextHolder.withAuthentication(caller);
        return context.put(KEY, "x");
    }

    /** An exchange as Spring Security's chain hands it on, answering getPrincipal() its way. */
    public static ServerWebExchange securedExchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return new SecurityContextServerWebExchange(
                org.springframework.mock.web.server.MockServerWebExchange.from(request),
                ReactiveSecurityContextHolder.getContext());
    }

    public int count() {
        return restores.get();
    }

    public void reset() {
        restores.set(0);
    }

    @Override
    public void close() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }
}
