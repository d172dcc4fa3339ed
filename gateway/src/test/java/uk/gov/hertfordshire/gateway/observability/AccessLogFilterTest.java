package uk.gov.hertfordshire.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.security.ThreadLocalRestores;

/**
 * The access log reads the caller on every request without Spring Security's {@code
 * exchange.getPrincipal()}, around which Reactor restores every registered thread-local (run I in
 * docs/benchmarks/content.md); it still tells an authenticated caller from an anonymous one.
 */
class AccessLogFilterTest {

    private final ThreadLocalRestores restores = new ThreadLocalRestores();
    private final Logger access = (Logger) LoggerFactory.getLogger("gateway.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    AccessLogFilterTest() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void detach() {
        access.detachAppender(lines);
        restores.close();
    }

    @Test
    void logsTheCallerWithoutRestoringThreadLocals() {
        new AccessLogFilter()
                .filter(
                        ThreadLocalRestores.securedExchange(
                                MockServerHttpRequest.get("/api/content/channels/web/pages")),
                        exchange -> Mono.empty())
                .contextWrite(restores.request(new TestingAuthenticationToken("someone", "n/a")))
                .block();

        assertThat(lines.list)
                .singleElement()
                .asString()
                .contains("\"client\":\"authenticated\"")
                .doesNotContain("someone"); // never who the caller is
        assertThat(restores.count()).isZero();
    }

    @Test
    void logsAnAnonymousCallerAsAnonymous() {
        new AccessLogFilter()
                .filter(
                        ThreadLocalRestores.securedExchange(
                                MockServerHttpRequest.get("/api/content/channels/web/pages")),
                        exchange -> Mono.empty())
                .contextWrite(restores.request(null))
                .block();

        assertThat(lines.list).singleElement().asString().contains("\"client\":\"anonymous\"");
    }
}
