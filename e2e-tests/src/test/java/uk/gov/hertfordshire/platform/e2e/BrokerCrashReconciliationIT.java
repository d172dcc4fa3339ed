package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance run of the foundation: Kafka is killed with SIGKILL while citizens keep posting
 * cases, then {@code ./platform up -d} brings back only what is missing. Every case that got a 2xx
 * must be counted by analytics exactly once, checked case id by case id (equal totals could hide a
 * loss and a duplicate).
 */
class BrokerCrashReconciliationIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerCrashReconciliationIT.class);
    private static final List<String> CHANNELS =
            List.of("web", "app", "phone", "face_to_face", "email");

    /** Where the broker listens (deploy/local's single plan: PLAINTEXT on 127.0.0.1:9092). */
    private static final InetSocketAddress KAFKA = new InetSocketAddress("127.0.0.1", 9092);

    private final Platform platform = new Platform();

    @Test
    void everyAcceptedCaseIsCountedExactlyOnceAcrossAKafkaKill() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService citizens = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int citizen = c;
            running.add(
                    citizens.submit(
                            () -> {
                                int n = 0;
                                while (posting.get()) {
                                    String id =
                                            platform.submitCase(
                                                    CHANNELS.get((citizen + n++) % CHANNELS.size()),
                                                    "pothole");
                                    if (id != null) {
                                        accepted.add(id);
                                    } else {
                                        refused.incrementAndGet();
                                    }
                                }
                            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 50);
            assertThat(brokerAccepts()).as("the broker listens on " + KAFKA + " before").isTrue();
            long kafka = platform.kafkaPid();
            // No process under the pid file's id is a failure, not a kill that "worked" at once.
            ProcessHandle broker =
                    ProcessHandle.of(kafka)
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no process has run/kafka.pid's id " + kafka));
            assertThat(broker.destroyForcibly()).as("SIGKILL sent to the broker").isTrue();
            await("the broker process is gone")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !broker.isAlive());
            assertThat(brokerAccepts())
                    .as("the broker's port refuses connections once it is killed")
                    .isFalse();
            int acceptedAtKill = accepted.size();
            await("cases are still accepted while Kafka is down")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> accepted.size() >= acceptedAtKill + 50);
            assertThat(brokerAccepts())
                    .as("the broker was still down while those cases were accepted")
                    .isFalse();

            assertThat(platform.run(List.of("up", "-d"), Duration.ofMinutes(3)))
                    .as("./platform up -d restarts what is missing")
                    .isZero();
            assertThat(platform.kafkaPid()).isNotEqualTo(kafka);
            await("the broker listens again after up -d")
                    .atMost(Duration.ofSeconds(60))
                    .until(BrokerCrashReconciliationIT::brokerAccepts);
            int acceptedAtRestart = accepted.size();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> accepted.size() >= acceptedAtRestart + 50);
        } finally {
            posting.set(false);
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
            citizens.shutdown();
        }

        log.info("accepted {} cases, {} not accepted", accepted.size(), refused.get());
        await("analytics has counted every accepted case")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> platform.countedContacts().keySet().containsAll(accepted));
        Map<String, Integer> counted = platform.countedContacts();
        List<String> countedTwice = accepted.stream().filter(id -> counted.get(id) != 1).toList();
        assertThat(countedTwice).as("accepted cases counted more than once").isEmpty();
        assertThat(counted.values()).as("no case anywhere is counted twice").allMatch(n -> n == 1);
    }

    /** Whether something accepts a TCP connection on the broker's port (within a second). */
    private static boolean brokerAccepts() {
        try (Socket socket = new Socket()) {
            socket.connect(KAFKA, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
