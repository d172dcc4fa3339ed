package uk.gov.hertfordshire.platform.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * The relay, woken by a commit, waits {@code gather} for the commits that follow before it reads,
 * so one round carries them (ADR 51). A round marks its rows with one {@code UPDATE ... sent_at =
 * now()}, and {@code now()} is its transaction's start: rows sent in one round share their {@code
 * sent_at}, rows of two rounds do not.
 */
@PlatformIntegrationTest
// No round by the poll interval during the test: such a round does not wait, and one falling just
// after the first commit would send it at once.
@TestPropertySource(
        properties = {
            "platform.support.outbox.gather=2s",
            "platform.support.outbox.poll-interval=1m"
        })
class OutboxRelayGathersCommitsTest {

    @Autowired TestServiceApplication.WidgetService widgets;
    @Autowired JdbcTemplate jdbc;

    @Autowired OutboxRelay relay;

    /**
     * The relay's first round, at its start, does not wait: one that read after this test's first
     * commit would send it at once. A commit sent and seen first means that round is over.
     */
    @BeforeEach
    void relayIsWaitingForACommit() {
        UUID warmUp = widgets.create("warm-up");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(warmUp) != null);
    }

    @Test
    void commitsWithinTheGatherGoOutInOneRoundAndALaterOneInAnother() {
        // The first commit wakes the relay, which then waits 2 s before reading: the first stays
        // unsent for a while (without the wait a round reads it within milliseconds).
        UUID first = widgets.create("pothole");
        await().during(Duration.ofMillis(150))
                .pollInterval(Duration.ofMillis(25))
                .atMost(Duration.ofSeconds(1))
                .until(() -> sentAt(first) == null);
        // The second, committed inside that wait, goes out in the same round.
        UUID second = widgets.create("pothole");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sentAt(first) != null && sentAt(second) != null);
        assertThat(sentAt(second)).as("sent in the first's round").isEqualTo(sentAt(first));

        // The control: a commit after that round is over goes out in a round of its own.
        UUID third = widgets.create("pothole");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(third) != null);
        assertThat(sentAt(third)).as("sent in a round of its own").isNotEqualTo(sentAt(first));
    }

    /**
     * A stop that comes while the relay gathers still sends what was committed (the relay stops
     * after the web server so that requests in flight get their events out): its last round.
     */
    @Test
    @DirtiesContext
    void aStopWhileTheRelayGathersStillSendsWhatWasCommitted() {
        UUID last = widgets.create("pothole");
        // The control: gathering, the relay has not sent it yet.
        assertThat(sentAt(last)).isNull();

        relay.stop();

        assertThat(sentAt(last)).as("sent by the stopping relay's last round").isNotNull();
    }

    private Timestamp sentAt(UUID id) {
        List<Timestamp> sent =
                jdbc.queryForList(
                        "SELECT sent_at FROM platform.outbox WHERE message_key = ?",
                        Timestamp.class,
                        id.toString());
        return sent.isEmpty() ? null : sent.get(0);
    }
}
