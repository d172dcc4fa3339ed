package uk.gov.hertfordshire.platform.local.traces;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives spans as an OpenTelemetry collector does: {@code POST /v1/traces} with an OTLP {@code
 * ExportTraceServiceRequest} in protobuf (optionally gzipped), answered with an empty {@code
 * ExportTraceServiceResponse}. It keeps the spans it decoded (or only counts them) so a test can
 * follow a trace and a benchmark can show its spans arrived. Anything else is refused as a
 * collector would: 404 for another path, 405 for another method, 415 for another content type, 400
 * for a body that is not an export request.
 *
 * <p>Run alone ({@code java -cp ... OtlpTraceReceiver [port]}) it counts spans and prints the count
 * every ten seconds and when stopped.
 */
public final class OtlpTraceReceiver implements AutoCloseable {

    /** One span as exported, ids in lower-case hex as W3C trace context writes them. */
    public record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Span.SpanKind kind,
            Map<String, String> attributes) {}

    private static final Logger log = LoggerFactory.getLogger(OtlpTraceReceiver.class);
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final boolean keep;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong count = new AtomicLong();

    private OtlpTraceReceiver(HttpServer server, boolean keep) {
        this.server = server;
        this.keep = keep;
    }

    /** Listens on 127.0.0.1 at the port (0 for any free one); keeps the spans or only counts. */
    public static OtlpTraceReceiver start(int port, boolean keepSpans) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        OtlpTraceReceiver receiver = new OtlpTraceReceiver(server, keepSpans);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return receiver;
    }

    /** Where exporters send spans: the {@code management.opentelemetry...endpoint} value. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** The spans received so far (empty when only counting). */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** How many spans have been received. */
    public long count() {
        return count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/v1/traces".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-protobuf")) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = body(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            receive(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody();
    }

    private void receive(ExportTraceServiceRequest request) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service =
                    attributes(resourceSpans.getResource().getAttributesList())
                            .getOrDefault("service.name", "");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                count.addAndGet(scopeSpans.getSpansCount());
                if (!keep) {
                    continue;
                }
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(
                            new ReceivedSpan(
                                    service,
                                    hex(span.getTraceId()),
                                    hex(span.getSpanId()),
                                    hex(span.getParentSpanId()),
                                    span.getName(),
                                    span.getKind(),
                                    attributes(span.getAttributesList())));
                }
            }
        }
    }

    private static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            AnyValue value = keyValue.getValue();
            attributes.put(
                    keyValue.getKey(),
                    switch (value.getValueCase()) {
                        case STRING_VALUE -> value.getStringValue();
                        case INT_VALUE -> Long.toString(value.getIntValue());
                        case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                        case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                        default -> value.toString();
                    });
        }
        return attributes;
    }

    /**
     * Counts spans sent to 127.0.0.1:{@code port} (4318, OTLP/HTTP's own, by default), logging the
     * count each second it changed.
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4318;
        OtlpTraceReceiver receiver = start(port, false);
        log.info("OTLP trace receiver at {}", receiver.endpoint());
        AtomicLong logged = new AtomicLong();
        Executors.newSingleThreadScheduledExecutor()
                .scheduleAtFixedRate(
                        () -> {
                            long now = receiver.count();
                            if (logged.getAndSet(now) != now) {
                                log.info("spans received: {}", now);
                            }
                        },
                        1,
                        1,
                        TimeUnit.SECONDS);
    }
}
