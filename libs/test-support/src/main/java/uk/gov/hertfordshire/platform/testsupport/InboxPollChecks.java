package uk.gov.hertfordshire.platform.testsupport;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * What a consumer's poll-at-once tests look at, for its group on one topic: events sent as one
 * {@link KafkaRecordBatch} are taken by the idempotent inbox in one poll, so they are recorded by
 * one PostgreSQL transaction, a second copy in the poll is skipped, and an event that cannot be
 * handled is dead-lettered alone.
 */
public final class InboxPollChecks {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String group;
    private final String topic;
    private final String kafka;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    /**
     * @param group the consumer group under test
     * @param topic the topic its events come from
     * @param kafka the broker's bootstrap servers
     * @param jdbc the consumer's database, which holds {@code platform.inbox}
     * @param meters the consumer's meters
     */
    public InboxPollChecks(
            String group, String topic, String kafka, JdbcClient jdbc, MeterRegistry meters) {
        this.group = group;
        this.topic = topic;
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /**
     * The record as it is (topic, key, CloudEvent headers, so the same event id and type) but with
     * data that is not the event's: well-formed on the wire, and reading it throws.
     */
    public static ProducerRecord<String, byte[]> withUnreadableData(
            ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(
                record.topic(),
                null,
                record.key(),
                "not this event's data".getBytes(StandardCharsets.UTF_8),
                record.headers());
    }

    /** How many copies of an event the group's inbox has skipped so far. */
    public double duplicatesSkipped() {
        Counter counter =
                meters.find("inbox.duplicates.skipped")
                        .tags("group", group, "topic", topic)
                        .counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many of these events the group's inbox has recorded. */
    public int recorded(UUID... eventIds) {
        return countInbox("count(*)", eventIds);
    }

    /**
     * How many PostgreSQL transactions recorded these events in the group's inbox: the rows one
     * transaction writes carry its id in {@code xmin}, so one transaction per event would give one
     * per event.
     */
    public int transactionsRecording(UUID... eventIds) {
        return countInbox("count(DISTINCT CAST(xmin AS text))", eventIds);
    }

    private int countInbox(String count, UUID... eventIds) {
        return jdbc.sql(
                        "SELECT "
                                + count
                                + " FROM platform.inbox WHERE consumer_group = :group"
                                + " AND event_id IN (:ids)")
                .param("group", group)
                .param("ids", Arrays.asList(eventIds))
                .query(Integer.class)
                .single();
    }

    /**
     * Which of {@code ours} are on the group's dead-letter topic, once {@code expected} is there
     * (waiting up to 30 s), in the topic's order.
     */
    public List<String> awaitDeadLettered(UUID expected, UUID... ours) {
        List<String> candidates = Arrays.stream(ours).map(UUID::toString).toList();
        String deadLetterTopic = Topics.deadLetter(topic, group);
        return await().atMost(WAIT)
                .until(
                        () ->
                                KafkaTopicReader.eventIds(kafka, deadLetterTopic).stream()
                                        .filter(candidates::contains)
                                        .toList(),
                        ids -> ids.contains(expected.toString()));
    }
}
