package uk.gov.hertfordshire.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.security.ThreadLocalRestores;

/**
 * The rate limit finds the caller's own bucket on every request without Spring Security's {@code
 * exchange.getPrincipal()}, around which Reactor restores every registered thread-local (run I in
 * docs/benchmarks/content.md).
 */
class RateLimitFilterTest {

    private static final Duration HOUR = Duration.ofHours(1);

    // One request an hour for a caller with a token, three for an address without one.
    private final LimitsProperties limits =
            new LimitsProperties(
                    new LimitsProperties.Rate(1, 1, HOUR),
                    new LimitsProperties.Rate(3, 1, HOUR),
                    null,
                    null,
                    null,
                    DataSize.ofMegabytes(1),
                    null,
                    DataSize.ofMegabytes(10),
                    null,
                    "",
                    Duration.ofMillis(250));

    private final RateLimitFilter filter = new RateLimitFilter(limits, new LocalBuckets());
    private final ThreadLocalRestores restores = new ThreadLocalRestores();
    private final AtomicInteger passed = new AtomicInteger();

    @AfterEach
    void remove() {
        restores.close();
    }

    @Test
    void holdsACallerToTheCallersOwnRateWithoutRestoringThreadLocals() {
        Authentication caller = new TestingAuthenticationToken("someone", "n/a");

        assertThat(status(caller)).isNull();
        assertThat(status(caller)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(passed).hasValue(1);
        assertThat(restores.count()).isZero();
    }

    @Test
    void anAnonymousCallerFromTheSameAddressHasTheAddresssRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(status(null)).isNull();
        }
        assertThat(status(null)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(passed).hasValue(3);
    }

    @Test
    void keysAnAuthenticatedCallersBucketByTheCallerAndAnAnonymousOneByTheAddress() {
        List<String> keys = new ArrayList<>();
        LocalBuckets local = new LocalBuckets();
        RateLimitFilter recording =
                new RateLimitFilter(
                        limits,
                        (key, rate) -> {
                            keys.add(key);
                            return local.consume(key, rate);
                        });

        status(recording, new TestingAuthenticationToken("someone", "n/a"));
        status(recording, new TestingAuthenticationToken("someone-else", "n/a"));
        // The control: the same request from the same address, without a caller.
        status(recording, null);

        assertThat(keys)
                .containsExactly("caller:someone", "caller:someone-else", "address:192.0.2.7");
    }

    private HttpStatusCode status(Authentication caller) {
        return status(filter, caller);
    }

    private HttpStatusCode status(RateLimitFilter rateLimit, Authentication caller) {
        ServerWebExchange exchange =
                ThreadLocalRestores.securedExchange(
                        MockServerHttpRequest.get("/api/content/channels/web/pages")
                                .remoteAddress(new java.net.InetSocketAddress("192.0.2.7", 4000)));
        rateLimit
                .filter(
                        exchange,
                        passedOn -> {
                            passed.incrementAndGet();
                            return Mono.empty();
                        })
                .contextWrite(restores.request(caller))
                .block();
        return exchange.getResponse().getStatusCode();
    }
}
