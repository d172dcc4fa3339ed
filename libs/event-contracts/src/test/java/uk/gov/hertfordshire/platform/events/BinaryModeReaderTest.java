package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;

/**
 * {@link CloudEvents#receive} reads a binary-mode record's headers itself; the CloudEvents SDK is
 * the oracle: for every record, well-formed or broken, the consumer gets what the SDK's reading
 * gives ({@link ReceivedEvent#of}), or a {@link MalformedEventException} where the SDK refuses.
 */
class BinaryModeReaderTest {

    private static final String ID = "6a1f0c5e-2b7d-4f3a-9e8c-4d2b1a0f9e87";
    private static final String TYPE = CaseSubmitted.TYPE.type();

    /** Records every platform producer sends: the fast path must take each of them. */
    static Stream<Named<ConsumerRecord<String, byte[]>>> platformRecords() {
        CloudEvents cloudEvents = new CloudEvents();
        List<Named<ConsumerRecord<String, byte[]>>> records = new ArrayList<>();
        for (Named<EventType<?>> type : CatalogSource.eventTypes().toList()) {
            DomainEvent event = ExampleEvents.fullExample(type.getPayload());
            for (String correlationId : new String[] {"req-7f3e2a", null}) {
                ProducerRecord<String, byte[]> sent =
                        cloudEvents.toProducerRecord(
                                cloudEvents.toCloudEvent(event, UUID.randomUUID(), correlationId));
                RecordHeaders headers = new RecordHeaders(sent.headers().toArray());
                headers.add(
                        "traceparent",
                        bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));
                records.add(
                        Named.of(
                                type.getName() + (correlationId == null ? "" : " correlated"),
                                consumed(headers, sent.value())));
            }
        }
        records.add(Named.of("the bench's records (no correlation id, no traceparent)", record()));
        records.add(Named.of("no time, no subject", record("ce_time", null, "ce_subject", null)));
        records.add(
                Named.of(
                        "a time with an offset",
                        record("ce_time", "2024-06-01T09:30:00.123+01:00")));
        records.add(Named.of("another extension", record("ce_partitionkey", "abc")));
        records.add(Named.of("a data content type", record("ce_datacontenttype", "text/plain")));
        records.add(Named.of("an upper-case UUID", record("ce_id", ID.toUpperCase())));
        return records.stream();
    }

    /** Records the fast path leaves to the SDK, which reads or refuses each. */
    static Stream<Named<ConsumerRecord<String, byte[]>>> otherRecords() {
        RecordHeaders repeated = headers(record());
        repeated.add("ce_type", bytes("uk.gov.hertfordshire.case.closed.v1"));
        RecordHeaders nullHeader = headers(record());
        nullHeader.add("ce_foo", null);
        return Stream.of(
                Named.of("a repeated type (the last wins)", consumed(repeated, payload())),
                Named.of("a header without a value", consumed(nullHeader, payload())),
                Named.of("no headers", consumed(new RecordHeaders(), payload())),
                Named.of("no data", consumed(headers(record()), null)),
                Named.of("empty data", consumed(headers(record()), new byte[0])),
                Named.of("spec version 0.3", record("ce_specversion", "0.3")),
                Named.of("spec version 2.0", record("ce_specversion", "2.0")),
                Named.of("no spec version", record("ce_specversion", null)),
                Named.of("no id", record("ce_id", null)),
                Named.of("an id that is not a UUID", record("ce_id", "42")),
                Named.of("a lenient UUID", record("ce_id", "1-2-3-4-5")),
                Named.of("no source", record("ce_source", null)),
                Named.of("an empty source", record("ce_source", "")),
                Named.of("a source that is not a URI", record("ce_source", "/case service")),
                Named.of("no type", record("ce_type", null)),
                Named.of("an empty type", record("ce_type", "")),
                Named.of("a time that is not RFC 3339", record("ce_time", "03/12/2026")),
                Named.of("a time without an offset", record("ce_time", "2024-06-01T09:30:00")),
                Named.of("a schema that is not a URI", record("ce_dataschema", "http://x y")),
                Named.of("an upper-case header", record("ce_id", null, "CE_ID", ID)),
                Named.of("an extension name with a dash", record("ce_bad-name", "x")),
                Named.of("a bare prefix", record("ce_", "x")),
                Named.of("structured mode", record("content-type", "application/cloudevents+json")),
                Named.of("an upper-case content type", record("Content-Type", "application/json")));
    }

    @ParameterizedTest
    @MethodSource("platformRecords")
    void everyRecordThePlatformSendsIsReadFromItsHeadersAsTheSdkReadsIt(
            ConsumerRecord<String, byte[]> record) {
        ReceivedEvent fast = new BinaryModeReader().read(record);

        assertThat(fast).as("read without the SDK").isNotNull();
        assertThat(fast).isEqualTo(sdk(record));
        assertThat(new CloudEvents().receive(record)).isEqualTo(sdk(record));
    }

    @ParameterizedTest
    @MethodSource("otherRecords")
    void anyOtherRecordIsReadOrRefusedAsTheSdkDoes(ConsumerRecord<String, byte[]> record) {
        assertThat(outcome(record)).isEqualTo(sdkOutcome(record));
    }

    private static Object outcome(ConsumerRecord<String, byte[]> record) {
        try {
            return new CloudEvents().receive(record);
        } catch (MalformedEventException malformed) {
            return "malformed";
        }
    }

    private static Object sdkOutcome(ConsumerRecord<String, byte[]> record) {
        try {
            return sdk(record);
        } catch (CloudEventRWException | IllegalStateException | MalformedEventException e) {
            return "malformed";
        }
    }

    private static ReceivedEvent sdk(ConsumerRecord<String, byte[]> record) {
        return ReceivedEvent.of(KafkaMessageFactory.createReader(record).toEvent());
    }

    /**
     * A record as the bench publishes it, with each named header replaced (a null value leaves it
     * out) or added.
     */
    private static ConsumerRecord<String, byte[]> record(String... changes) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"ce_specversion", "1.0"});
        headers.add(new String[] {"ce_id", ID});
        headers.add(new String[] {"ce_source", "/case-service"});
        headers.add(new String[] {"ce_type", TYPE});
        headers.add(new String[] {"ce_time", "2024-03-05T10:15:00Z"});
        headers.add(new String[] {"ce_subject", "case-1"});
        headers.add(
                new String[] {
                    "ce_dataschema",
                    "https://schemas.hertfordshire.gov.uk/events/case/submitted.v1.json"
                });
        headers.add(new String[] {"content-type", "application/json"});
        for (int i = 0; i < changes.length; i += 2) {
            String name = changes[i];
            String value = changes[i + 1];
            boolean replaced = headers.removeIf(h -> h[0].equals(name));
            if (value != null || !replaced) {
                headers.add(new String[] {name, value});
            }
        }
        RecordHeaders kafka = new RecordHeaders();
        headers.stream().filter(h -> h[1] != null).forEach(h -> kafka.add(h[0], bytes(h[1])));
        return consumed(kafka, payload());
    }

    private static RecordHeaders headers(ConsumerRecord<String, byte[]> record) {
        return new RecordHeaders(record.headers().toArray());
    }

    private static byte[] payload() {
        return bytes(
                "{\"caseId\":\"case-1\",\"serviceCode\":\"pothole\",\"channel\":\"web\","
                        + "\"submittedAt\":\"2024-03-05T10:15:00Z\"}");
    }

    private static ConsumerRecord<String, byte[]> consumed(RecordHeaders headers, byte[] value) {
        return new ConsumerRecord<>(
                Topics.CASES,
                0,
                7L,
                0L,
                TimestampType.CREATE_TIME,
                -1,
                value == null ? -1 : value.length,
                "case-1",
                value,
                headers,
                java.util.Optional.empty());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
