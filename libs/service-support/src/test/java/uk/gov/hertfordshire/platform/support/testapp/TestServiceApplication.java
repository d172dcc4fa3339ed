package uk.gov.hertfordshire.platform.support.testapp;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * A minimal service built the way the real ones are: it stores a widget and its event in one
 * transaction, and consumes case events through the inbox into a table.
 */
@Configuration(proxyBeanMethods = false)
public class TestServiceApplication {

    public static final String GROUP = "support-test";

    /** Subjects starting with this fail until {@link #POISON_FIXED} is set. */
    public static final String POISON_PREFIX = "00000000-dead-";

    public static final AtomicBoolean POISON_FIXED = new AtomicBoolean();
    public static final Map<String, AtomicInteger> ATTEMPTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What the logging context held while each subject was handled: correlation, trace and span
     * ids.
     */
    public static final Map<String, String> LOGGING_CONTEXT =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Bean
    EventSubscription caseEvents(JdbcTemplate jdbc) {
        return EventSubscription.of(
                GROUP,
                Topics.CASES,
                event -> {
                    ATTEMPTS.computeIfAbsent(event.subject(), s -> new AtomicInteger())
                            .incrementAndGet();
                    LOGGING_CONTEXT.put(
                            event.subject(),
                            org.slf4j.MDC.get("correlationId")
                                    + "|"
                                    + org.slf4j.MDC.get("traceId")
                                    + "|"
                                    + org.slf4j.MDC.get("spanId"));
                    if (event.subject().startsWith(POISON_PREFIX) && !POISON_FIXED.get()) {
                        throw new IllegalStateException("cannot handle " + event.subject());
                    }
                    jdbc.update(
                            "INSERT INTO handled_event (event_id, subject) VALUES (?, ?)",
                            event.id(),
                            event.subject());
                });
    }

    /** The spans the service records, as an OTLP collector would receive them (ADR 21). */
    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    /**
     * Creates widgets; {@code slow} requests wait on a latch so a test can catch them in flight.
     */
    @RestController
    static class WidgetController {

        static volatile CountDownLatch slowRequestRelease = new CountDownLatch(0);
        static volatile CountDownLatch slowRequestArrived = new CountDownLatch(1);

        private final WidgetService widgets;

        WidgetController(WidgetService widgets) {
            this.widgets = widgets;
        }

        @PostMapping("/widgets")
        ResponseEntity<Map<String, String>> create(@RequestBody WidgetRequest request)
                throws InterruptedException {
            if (Boolean.TRUE.equals(request.slow())) {
                slowRequestArrived.countDown();
                slowRequestRelease.await(30, TimeUnit.SECONDS);
            }
            if ("library-refusal".equals(request.service())) {
                UUID.fromString(request.service()); // a library's IllegalArgumentException
            }
            if ("not-offered".equals(request.service())) {
                throw new IllegalArgumentException("service 'not-offered' is not offered here");
            }
            if ("explode".equals(request.service())) {
                throw new IllegalStateException("database password is hunter2");
            }
            UUID id = widgets.create(request.service());
            if (request.service().startsWith("commit-then-explode")) {
                // The work is committed; the answer fails afterwards (a response that cannot be
                // written, a bug after the service call).
                throw new IllegalStateException("failed after the commit");
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/widgets/" + id)
                    .body(Map.of("id", id.toString(), "service", request.service()));
        }

        /** Issues a secret shown once, as an API key issuer does. */
        @PostMapping("/widgets/secrets")
        ResponseEntity<Map<String, String>> secret(@RequestBody WidgetRequest request) {
            UUID id = widgets.create(request.service());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/widgets/" + id)
                    .cacheControl(org.springframework.http.CacheControl.noStore())
                    .body(Map.of("id", id.toString(), "secret", "s3cr3t-" + UUID.randomUUID()));
        }
    }

    record WidgetRequest(String service, Boolean slow) {}

    /** Creates a widget from a multipart form, as a photo upload would. */
    @RestController
    static class WidgetUploadController {

        private final WidgetService widgets;

        WidgetUploadController(WidgetService widgets) {
            this.widgets = widgets;
        }

        @PostMapping(value = "/widgets/uploads", consumes = "multipart/form-data")
        ResponseEntity<Map<String, String>> upload(
                @org.springframework.web.bind.annotation.RequestPart("file")
                        org.springframework.web.multipart.MultipartFile file) {
            UUID id = widgets.create("upload-" + file.getSize());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/widgets/" + id)
                    .body(Map.of("id", id.toString(), "size", Long.toString(file.getSize())));
        }

        /** A form post, as GeoReport v2 clients send: fields read as request parameters. */
        @PostMapping(value = "/widgets/forms", consumes = "application/x-www-form-urlencoded")
        ResponseEntity<Map<String, String>> form(
                @org.springframework.web.bind.annotation.RequestParam("name") String name) {
            UUID id = widgets.create("form-" + name);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header("Location", "/widgets/" + id)
                    .body(Map.of("id", id.toString(), "name", name));
        }
    }

    /**
     * Endpoints the security tests call: one no rule lists (any valid token will do) and one with
     * the method-security rule a service would put on a staff-only endpoint.
     */
    @RestController
    static class CallerController {

        @GetMapping("/whoami")
        Map<String, Object> whoami(Caller caller) {
            return Map.of(
                    "id",
                    caller.id(),
                    "roles",
                    caller.roles().stream().map(Enum::name).sorted().toList());
        }

        @GetMapping("/reports")
        @PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
        Map<String, String> reports() {
            return Map.of("report", "channel shift");
        }

        @GetMapping("/notices")
        Map<String, String> notices() {
            return Map.of("notice", "Bin collections move a day later this week");
        }

        @PostMapping("/notices")
        Map<String, String> addNotice() {
            return Map.of("notice", "added");
        }
    }

    /** Published notices are public; the second pattern shows operator endpoints stay closed. */
    @Bean
    PublicEndpoints publicNotices() {
        return PublicEndpoints.get("/notices", "/actuator/deadletters");
    }

    @org.springframework.stereotype.Service
    public static class WidgetService {

        private final JdbcTemplate jdbc;
        private final Outbox outbox;

        WidgetService(JdbcTemplate jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        public UUID create(String service) {
            UUID id = UUID.randomUUID();
            createWithId(id, service);
            return id;
        }

        @Transactional
        public void createWithId(UUID id, String service) {
            jdbc.update("INSERT INTO widget (id, service) VALUES (?, ?)", id, service);
            outbox.append(
                    new CaseSubmitted(
                            id.toString(), service, Channel.WEB, Instant.now(), null, null));
        }

        /** The widget row and its event in one statement ({@link Outbox#appendWith}). */
        @Transactional
        public void createInOneStatement(UUID id, String service) {
            outbox.appendWith(
                    new CaseSubmitted(
                            id.toString(), service, Channel.WEB, Instant.now(), null, null),
                    "INSERT INTO widget (id, service) VALUES (:id, :service)",
                    Map.of("id", id, "service", service));
        }

        /**
         * Renames the widget and adds its event in one statement, written in lower case with a
         * comment at its end; whether a widget had that id.
         */
        @Transactional
        public boolean renameInOneStatement(UUID id, String service) {
            return outbox.appendWith(
                    new CaseSubmitted(
                            id.toString(), service, Channel.WEB, Instant.now(), null, null),
                    "update widget set service = :service where id = :id -- renamed",
                    Map.of("id", id, "service", service));
        }

        /** Writes in one statement and then fails: neither may survive. */
        @Transactional
        public void createInOneStatementThenFail(UUID id) {
            createInOneStatement(id, "pothole");
            throw new IllegalStateException("rolled back on purpose");
        }

        /** Writes and then fails: neither the widget nor its event may survive. */
        @Transactional
        public void createThenFail(UUID id) {
            createWithId(id, "pothole");
            throw new IllegalStateException("rolled back on purpose");
        }
    }
}
