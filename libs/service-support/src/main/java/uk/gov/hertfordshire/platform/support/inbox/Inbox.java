package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Handles an event at most once per consumer group: the event id is inserted under a primary key in
 * the same transaction as the handler's work, so a redelivery finds it there and changes nothing,
 * and two concurrent deliveries cannot both pass (no check-then-insert race). A batch records all
 * its ids in one statement and hands the new events to the handler in the same transaction.
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
        logged(consumerGroup, record, new Delivery(event, outcome));
        count(consumerGroup, record.topic(), outcome, 1);
        return outcome;
    }

    /** One record of a batch: its event and what became of it. */
    record Delivery(ReceivedEvent event, Outcome outcome) {}

    /**
     * Handles a poll's records in one transaction: one statement records every event id new to the
     * group, and the handler gets those events (an id the batch holds twice counts once). Throws if
     * any record is not a readable event or the handler fails; nothing is then recorded.
     *
     * @return what became of each record, in the order given
     */
    List<Delivery> processBatch(
            String consumerGroup,
            List<ConsumerRecord<String, byte[]>> records,
            BatchEventHandler handler) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            events.add(cloudEvents.receive(record));
        }
        int n = records.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = events.get(i).id().toString();
            types[i] = events.get(i).type();
            topics[i] = records.get(i).topic();
            partitions[i] = records.get(i).partition();
            offsets[i] = records.get(i).offset();
        }
        List<Delivery> deliveries =
                transactions.execute(
                        status -> {
                            Set<UUID> inserted =
                                    new HashSet<>(
                                            jdbc.query(
                                                    "INSERT INTO platform.inbox (consumer_group,"
                                                            + " event_id, event_type, topic,"
                                                            + " kafka_partition, kafka_offset)"
                                                            + " SELECT ?, * FROM"
                                                            + " unnest(CAST(? AS uuid[]), ?, ?, ?,"
                                                            + " ?) ON CONFLICT DO NOTHING"
                                                            + " RETURNING event_id",
                                                    (rs, row) -> rs.getObject(1, UUID.class),
                                                    consumerGroup,
                                                    new SqlArrayValue("text", (Object[]) ids),
                                                    new SqlArrayValue("text", (Object[]) types),
                                                    new SqlArrayValue("text", (Object[]) topics),
                                                    new SqlArrayValue(
                                                            "int4", (Object[]) partitions),
                                                    new SqlArrayValue("int8", (Object[]) offsets)));
                            List<Delivery> outcomes = new ArrayList<>(n);
                            List<ReceivedEvent> fresh = new ArrayList<>(inserted.size());
                            for (ReceivedEvent event : events) {
                                // remove: a second copy in the same batch is a duplicate
                                boolean isNew = inserted.remove(event.id());
                                outcomes.add(
                                        new Delivery(
                                                event,
                                                isNew ? Outcome.HANDLED : Outcome.DUPLICATE));
                                if (isNew) {
                                    fresh.add(event);
                                }
                            }
                            if (!fresh.isEmpty()) {
                                handler.handleAll(fresh);
                            }
                            return outcomes;
                        });
        int handled = 0;
        for (Delivery delivery : deliveries) {
            if (delivery.outcome() == Outcome.HANDLED) {
                handled++;
            }
        }
        // A batch comes from one partition's poll or several, of the subscription's one topic.
        String topic = records.get(0).topic();
        count(consumerGroup, topic, Outcome.HANDLED, handled);
        count(consumerGroup, topic, Outcome.DUPLICATE, n - handled);
        return deliveries;
    }

    /** Whether {@link #logged} writes anything. */
    boolean logsEachDelivery() {
        return log.isDebugEnabled();
    }

    /**
     * One line per event at debug: with the trace id in the pattern, it is where a request's trace
     * meets each consumer's log (ADR 21).
     */
    void logged(String consumerGroup, ConsumerRecord<String, byte[]> record, Delivery delivery) {
        log.debug(
                "{} {} {} from {} for group {}",
                delivery.outcome() == Outcome.DUPLICATE ? "Skipped duplicate" : "Handled",
                delivery.event().type(),
                delivery.event().id(),
                record.topic(),
                consumerGroup);
    }

    private void count(String consumerGroup, String topic, Outcome outcome, int events) {
        boolean duplicate = outcome == Outcome.DUPLICATE;
        Counter.builder(duplicate ? "inbox.duplicates.skipped" : "inbox.handled")
                .description(
                        duplicate
                                ? "Events delivered again and skipped: the inbox had them already"
                                : "Events handled, each once")
                .baseUnit("events")
                .tags("group", consumerGroup, "topic", topic)
                .register(meters)
                .increment(events);
    }
}
