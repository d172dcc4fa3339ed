package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Handles an event at most once per consumer group: the event id is inserted under a primary key in
 * the same transaction as the handler's work, so a redelivery finds it there and changes nothing,
 * and two concurrent deliveries cannot both pass (no check-then-insert race).
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** What became of one delivery. */
    enum Outcome {
        HANDLED,
        DUPLICATE
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final CloudEvents cloudEvents = new CloudEvents();

    Inbox(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
    }

    Outcome process(
            String consumerGroup, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        ReceivedEvent event = cloudEvents.receive(record);
        Outcome outcome =
                transactions.execute(
                        status -> {
                            int inserted =
                                    jdbc.update(
                                            "INSERT INTO platform.inbox (consumer_group, event_id,"
                                                    + " event_type, topic, kafka_partition,"
                                                    + " kafka_offset) VALUES (?, ?, ?, ?, ?, ?)"
                                                    + " ON CONFLICT DO NOTHING",
                                            consumerGroup,
                                            event.id(),
                                            event.type(),
                                            record.topic(),
                                            record.partition(),
                                            record.offset());
                            if (inserted == 0) {
                                return Outcome.DUPLICATE;
                            }
                            handler.handle(event);
                            return Outcome.HANDLED;
                        });
        boolean duplicate = outcome == Outcome.DUPLICATE;
        // One line per event at debug: with the trace id in the pattern, it is where a request's
        // trace meets each consumer's log (ADR 21).
        log.debug(
                "{} {} {} from {} for group {}",
                duplicate ? "Skipped duplicate" : "Handled",
                event.type(),
                event.id(),
                record.topic(),
                consumerGroup);
        Counter.builder(duplicate ? "inbox.duplicates.skipped" : "inbox.handled")
                .description(
                        duplicate
                                ? "Events delivered again and skipped: the inbox had them already"
                                : "Events handled, each once")
                .baseUnit("events")
                .tags("group", consumerGroup, "topic", record.topic())
                .register(meters)
                .increment();
        return outcome;
    }
}
