package uk.gov.hertfordshire.platform.support.inbox;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters that failed again on replay, parked in {@code platform.parked_dead_letter} (the
 * service's own database) with the record as it was and why it failed, so one that can never
 * succeed does not block the rest of its partition.
 */
final class ParkedDeadLetters {

    private static final TypeReference<List<List<String>>> HEADERS = new TypeReference<>() {};
    private static final int SHOWN = 100;

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ParkedDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A parked record, as an operator sees it. */
    record Parked(String deadLetter, String key, String error, int attempts, String parkedAt) {}

    /** Parks a dead letter (or records another failed attempt of one already parked). */
    void park(EventSubscription subscription, ConsumerRecord<String, byte[]> record, String error) {
        List<List<String>> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(
                    List.of(
                            header.key(),
                            header.value() == null
                                    ? ""
                                    : Base64.getEncoder().encodeToString(header.value())));
        }
        jdbc.update(
                "INSERT INTO platform.parked_dead_letter (consumer_group, topic, dlt_partition,"
                        + " dlt_offset, record_key, record_value, record_headers, error) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (consumer_group, topic,"
                        + " dlt_partition, dlt_offset) DO UPDATE SET error = excluded.error,"
                        + " attempts = platform.parked_dead_letter.attempts + 1,"
                        + " last_tried_at = now()",
                subscription.consumerGroup(),
                subscription.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                json.writeValueAsString(headers),
                error == null ? "failed" : error);
    }

    /**
     * The subscription's parked records as they were read from the dead-letter topic, oldest first.
     */
    List<ConsumerRecord<String, byte[]>> records(EventSubscription subscription) {
        return jdbc.query(
                "SELECT dlt_partition, dlt_offset, record_key, record_value, record_headers FROM"
                        + " platform.parked_dead_letter WHERE consumer_group = ? AND topic = ?"
                        + " ORDER BY parked_at, dlt_partition, dlt_offset",
                (rs, n) -> {
                    RecordHeaders headers = new RecordHeaders();
                    for (List<String> header : json.readValue(rs.getString(5), HEADERS)) {
                        headers.add(header.get(0), Base64.getDecoder().decode(header.get(1)));
                    }
                    byte[] value = rs.getBytes(4);
                    return new ConsumerRecord<>(
                            subscription.deadLetterTopic(),
                            rs.getInt(1),
                            rs.getLong(2),
                            ConsumerRecord.NO_TIMESTAMP,
                            TimestampType.NO_TIMESTAMP_TYPE,
                            ConsumerRecord.NULL_SIZE,
                            value == null ? ConsumerRecord.NULL_SIZE : value.length,
                            rs.getString(3),
                            value,
                            headers,
                            java.util.Optional.empty());
                },
                subscription.consumerGroup(),
                subscription.topic());
    }

    /** Forgets a parked record that has now been handled. */
    void unpark(EventSubscription subscription, ConsumerRecord<String, byte[]> record) {
        jdbc.update(
                "DELETE FROM platform.parked_dead_letter WHERE consumer_group = ? AND topic = ? AND"
                        + " dlt_partition = ? AND dlt_offset = ?",
                subscription.consumerGroup(),
                subscription.topic(),
                record.partition(),
                record.offset());
    }

    long count(EventSubscription subscription) {
        Long count =
                jdbc.queryForObject(
                        "SELECT count(*) FROM platform.parked_dead_letter WHERE consumer_group = ?"
                                + " AND topic = ?",
                        Long.class,
                        subscription.consumerGroup(),
                        subscription.topic());
        return count == null ? 0 : count;
    }

    /** The first parked records of the subscription, for an operator's listing. */
    List<Parked> list(EventSubscription subscription) {
        return jdbc.query(
                "SELECT dlt_partition, dlt_offset, record_key, error, attempts, parked_at FROM"
                        + " platform.parked_dead_letter WHERE consumer_group = ? AND topic = ?"
                        + " ORDER BY parked_at, dlt_partition, dlt_offset LIMIT "
                        + SHOWN,
                (rs, n) ->
                        new Parked(
                                subscription.deadLetterTopic()
                                        + "-"
                                        + rs.getInt(1)
                                        + "@"
                                        + rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getTimestamp(6).toInstant().toString()),
                subscription.consumerGroup(),
                subscription.topic());
    }
}
