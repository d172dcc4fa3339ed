package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.local.traces.OtlpTraceReceiver;
import uk.gov.hertfordshire.platform.local.traces.OtlpTraceReceiver.ReceivedSpan;

/**
 * A case posted through the gateway comes back through the gateway and is counted by analytics, and
 * one trace follows it all the way.
 */
class WalkingSkeletonIT {

    /** OTLP/HTTP's own port, where ./platform sends spans with tracing on. */
    private static final int OTLP_PORT = 4318;

    private final Platform platform = new Platform();

    @Test
    void aCasePostedThroughTheGatewayIsStoredPublishedAndCountedUnderItsChannel() throws Exception {
        long phoneBefore = contactsOn("phone");
        HttpResponse<String> created =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"street-light\",\"channel\":\"phone\","
                                + "\"location\":{\"latitude\":51.7528,\"longitude\":-0.3395}}",
                        Map.of(
                                "X-Request-Id",
                                "e2e-walking-skeleton",
                                "Authorization",
                                "Bearer " + platform.token("agent-carol")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Request-Id")).hasValue("e2e-walking-skeleton");
        String id = Platform.JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> read = platform.get("/api/cases/" + id, "agent-carol");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"channel\":\"phone\"");

        await("analytics counts the case once")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> platform.countedContacts().get(id),
                        count -> count != null && count == 1);
        assertThat(contactsOn("phone")).isEqualTo(phoneBefore + 1);
    }

    /**
     * The platform runs with tracing on here (e2e-tests' pom: {@code PLATFORM_TRACING=on}),
     * exporting to the OTLP/HTTP port this test listens on, as a collector would.
     */
    @Test
    void oneTraceFollowsACaseFromTheGatewayThroughKafkaToAnalyticsLogLine() throws Exception {
        try (OtlpTraceReceiver collector = OtlpTraceReceiver.start(OTLP_PORT, true)) {
            // Right after start-up the services are still exporting the spans of the first SAP HR
            // load, and an exporter whose queue is full drops new spans (it never blocks a
            // request): a case submitted then may leave no trace, so one more is submitted each
            // time none has arrived.
            List<String> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
            ReceivedSpan send =
                    await("case-service's relay exports a send span for a case submitted")
                            .atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofSeconds(8))
                            .until(
                                    () -> {
                                        ReceivedSpan found =
                                                collector.spans().stream()
                                                        .filter(
                                                                s ->
                                                                        s.kind()
                                                                                == SpanKind
                                                                                        .SPAN_KIND_PRODUCER)
                                                        .filter(
                                                                s ->
                                                                        submitted.contains(
                                                                                s.attributes()
                                                                                        .get(
                                                                                                "messaging.kafka.message.key")))
                                                        .findFirst()
                                                        .orElse(null);
                                        if (found == null) {
                                            String id = platform.submitCase("web", "pothole");
                                            assertThat(id).isNotNull();
                                            submitted.add(id);
                                        }
                                        return found;
                                    },
                                    s -> s != null);
            String traceId = send.traceId();
            ReceivedSpan consumed =
                    await("analytics-service exports its consumer span")
                            .atMost(Duration.ofSeconds(60))
                            .until(
                                    () ->
                                            span(
                                                    collector,
                                                    traceId,
                                                    "analytics-service",
                                                    SpanKind.SPAN_KIND_CONSUMER),
                                    s -> s != null);
            List<ReceivedSpan> trace =
                    collector.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
            ReceivedSpan gateway = span(collector, traceId, "gateway", SpanKind.SPAN_KIND_SERVER);
            ReceivedSpan service =
                    span(collector, traceId, "case-service", SpanKind.SPAN_KIND_SERVER);

            assertThat(send.service()).isEqualTo("case-service");
            assertThat(gateway).as("the gateway's span in %s", trace).isNotNull();
            assertThat(gateway.parentSpanId()).as("the trace starts at the gateway").isEmpty();
            assertThat(service).as("case-service's span in %s", trace).isNotNull();
            assertThat(spanById(trace, service.parentSpanId()).service()).isEqualTo("gateway");
            assertThat(consumed.parentSpanId())
                    .as("the consumer's span is a child of the relay's send")
                    .isEqualTo(send.spanId());

            // The same trace id in the gateway's access-log line and analytics' log line for the
            // event, the latter with the consumer span's own id.
            await("the trace id in the gateway's and the consumer's log lines")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                assertThat(platform.logLines("gateway"))
                                        .anyMatch(
                                                line ->
                                                        line.contains(
                                                                "\"traceId\":\"" + traceId + "\""));
                                assertThat(platform.logLines("analytics-service"))
                                        .anyMatch(
                                                line ->
                                                        line.contains(
                                                                        "["
                                                                                + traceId
                                                                                + ","
                                                                                + consumed.spanId()
                                                                                + ",")
                                                                && line.contains(
                                                                        "Handled uk.gov.hertfordshire.case.submitted"));
                            });
        }
    }

    private static ReceivedSpan span(
            OtlpTraceReceiver collector, String traceId, String service, SpanKind kind) {
        return collector.spans().stream()
                .filter(s -> s.traceId().equals(traceId))
                .filter(s -> s.service().equals(service) && s.kind() == kind)
                .findFirst()
                .orElse(null);
    }

    private static ReceivedSpan spanById(List<ReceivedSpan> trace, String spanId) {
        return trace.stream()
                .filter(s -> s.spanId().equals(spanId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + spanId + " in " + trace));
    }

    @Test
    void badInputThroughTheGatewayIsAProblemDocument() throws Exception {
        HttpResponse<String> refused =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"street-light\",\"channel\":\"fax\"}",
                        Map.of("Authorization", "Bearer " + platform.token("agent-carol")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("channel");
    }

    private long contactsOn(String channel) throws Exception {
        JsonNode totals =
                Platform.JSON.readTree(
                        platform.get("/api/analytics/channels", "analyst-ivan").body());
        for (JsonNode row : totals.get("channels")) {
            if (channel.equals(row.get("channel").asString())) {
                return row.get("contacts").asLong();
            }
        }
        return 0;
    }
}
