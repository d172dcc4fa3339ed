package uk.gov.hertfordshire.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogMessage;

/**
 * What Spring and Spring Security log through commons-logging costs nothing while its level is off:
 * the message (a {@link LogMessage}, as Spring Security's matchers write theirs) is not made into
 * text. commons-logging's own SLF4J adapter makes it text first (String.valueOf) and only then lets
 * SLF4J decide; commons-logging.properties sends it through the Log4j API, which asks first.
 */
class CommonsLoggingTest {

    private static final String NAME = "uk.gov.hertfordshire.gateway.test.commons-logging";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private final AtomicInteger made = new AtomicInteger();
    private final LogMessage message =
            LogMessage.of(
                    () -> {
                        made.incrementAndGet();
                        return "Request 'GET /api/content' doesn't match 'POST /api/content/**'";
                    });

    CommonsLoggingTest() {
        written.start();
        logback.addAppender(written);
    }

    @AfterEach
    void detach() {
        logback.detachAppender(written);
        logback.setLevel(null);
    }

    @Test
    void aDebugOrTraceMessageIsNotMadeIntoTextWhileItsLevelIsOff() {
        logback.setLevel(Level.INFO);
        Log log = LogFactory.getLog(NAME);

        log.debug(message);
        log.trace(message);

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(made).hasValue(0);
        assertThat(written.list).isEmpty();
    }

    @Test
    void theSameMessageIsWrittenToLogbackWhenDebugIsOn() {
        logback.setLevel(Level.DEBUG);
        Log log = LogFactory.getLog(NAME);

        log.debug(message);
        log.trace(message);

        assertThat(made).hasValue(1);
        assertThat(written.list)
                .singleElement()
                .satisfies(
                        event -> {
                            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                            assertThat(event.getFormattedMessage())
                                    .isEqualTo(
                                            "Request 'GET /api/content' doesn't match"
                                                    + " 'POST /api/content/**'");
                        });
    }
}
