package uk.gov.hertfordshire.platform.testsupport;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records as one producer batch: held back by a long linger until one flush, so records for
 * one partition become one record batch on the broker, which a consumer's fetch returns whole. A
 * listener therefore gets them in one poll: how a test puts several events, or two copies of one,
 * in the same batch. Otherwise it writes as {@link KafkaTopicWriter} does (its producer), and
 * returns once the broker holds every record.
 */
public final class KafkaRecordBatch {

    private KafkaRecordBatch() {}

    public static void send(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaTopicWriter writer =
                KafkaTopicWriter.holdingRecordsUntilFlush(bootstrapServers)) {
            writer.sendAll(records);
        }
    }
}
