package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.BUCKET;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.COUNT;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.OK;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.increase;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;
import uk.gov.hertfordshire.gateway.caching.CatalogueEntries;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The catalogue reads kept in the gateway's memory per caller class and dropped in every gateway
 * when the catalogue changes (ADR 42): two whole gateways on one real Kafka, in front of a stand-in
 * for case-service that answers the catalogue reads with exactly the headers case-service sends
 * (its own tests check them: CatalogueReadTest, Open311ServicesTest) and counts what reaches it.
 */
class GatewayCatalogueCacheTest {

    static final String CATALOGUE = "/api/catalogue/services";
    static final String OPEN311 = "/open311/v2/services.json";

    static final CaseServiceStandIn caseService = new CaseServiceStandIn();
    static final String KAFKA = TestInfrastructure.shared().kafkaBootstrapServers();

    static final TestIssuer.TokenBuilder AGENT = TestIssuer.shared().staff("grace", "AGENT");
    static final TestIssuer.TokenBuilder ADMIN = TestIssuer.shared().staff("ada", "ADMIN");
    static final TestIssuer.TokenBuilder CITIZEN = TestIssuer.shared().citizen("alice");

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    /**
     * A third, with a shorter time to live, whose follower a test stops. Started and closed with
     * the others: closing a gateway disposes Reactor Netty's shared event loops, which every
     * gateway in this JVM serves on.
     */
    static ConfigurableApplicationContext third;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(List.of(new NewTopic(Topics.CASES, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        first = gateway();
        second = gateway();
        third = gateway("--platform.catalogue-cache.time-to-live=2s");
        for (ConfigurableApplicationContext gateway : List.of(first, second, third)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> gateway.getBean(CatalogueEntries.class).live());
        }
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext gateway :
                java.util.Arrays.asList(first, second, third)) {
            if (gateway != null) {
                gateway.close();
            }
        }
        caseService.stop();
    }

    @Test
    void aChangeEventDropsTheEntryInBothGatewaysWithinASecondAndNothingElseDoes() throws Exception {
        String path = OPEN311 + "?jurisdiction_id=change";
        for (ConfigurableApplicationContext gateway : List.of(first, second)) {
            awaitKept(gateway, path, null);
        }
        int before = caseService.hits(path);

        // The catalogue changes in the service; without the event both gateways still answer
        // what they kept (the positive control: the entry is served from memory).
        int revision = caseService.revision.incrementAndGet();
        for (ConfigurableApplicationContext gateway : List.of(first, second)) {
            HttpResponse<String> kept = get(gateway, path, null);
            assertThat(kept.body()).doesNotContain("\"revision\":" + revision);
        }
        // Another event on the same topic changes nothing.
        send(otherEvent());
        for (int i = 0; i < 5; i++) {
            for (ConfigurableApplicationContext gateway : List.of(first, second)) {
                assertThat(get(gateway, path, null).body())
                        .doesNotContain("\"revision\":" + revision);
            }
        }
        assertThat(caseService.hits(path)).isEqualTo(before);

        double firstDrops = drops(first);
        double secondDrops = drops(second);
        send(changeEvent());
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () ->
                                get(first, path, null).body().contains("\"revision\":" + revision)
                                        && get(second, path, null)
                                                .body()
                                                .contains("\"revision\":" + revision));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        // Each gateway counted the drop (awaited: an entry's own end could show the new revision
        // a moment before the event does).
        await().atMost(Duration.ofSeconds(2))
                .until(() -> drops(first) > firstDrops && drops(second) > secondDrops);
    }

    @Test
    void theFollowersFetchSeveralEventsAtATimeNotEachOne() throws Exception {
        // Every case's events share the topic, so under submissions a follower fetching once per
        // event costs the gateway and the broker a fetch per case. 60 events, one every 20 ms or
        // so (about 1.5 s): with a fetch waiting for 16 KB or 250 ms (a quarter of max-silence),
        // each follower fetches at most once per 250 ms of the run, plus the one in flight and
        // those that 16 KB ended (about 1.5 s / 250 ms + 2 = 8 times; the bound allows 4 more);
        // with Kafka's default (a fetch returns with the first byte) about once per event, 60
        // times. (The third gateway's follower is stopped by another test, hence "each".)
        int events = 60;
        Set<ObjectName> followers = followers();
        assertThat(followers).isNotEmpty();
        double fetchedBefore = total(followers, "fetch-total");
        double consumedBefore = total(followers, "records-consumed-total");
        long started = System.nanoTime();
        try (KafkaTopicWriter kafka = new KafkaTopicWriter(KAFKA)) {
            for (int i = 0; i < events; i++) {
                kafka.send(new CloudEvents().toProducerRecord(otherEvent()));
                // Paced, as submissions arrive: not a wait for an outcome.
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
            }
        }
        // The control: every follower read every event (the metrics are theirs, and move).
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                total(followers, "records-consumed-total") - consumedBefore
                                        >= (double) events * followers.size());
        double fetched = total(followers, "fetch-total") - fetchedBefore;
        long quarters = Duration.ofNanos(System.nanoTime() - started).toMillis() / 250;

        assertThat(quarters + 6).as("the bound tells the two settings apart").isLessThan(events);
        assertThat(fetched)
                .as("fetches by %d followers for %d events", followers.size(), events)
                .isLessThan((quarters + 6.0) * followers.size());
    }

    /**
     * The running followers of this class's gateways: their consumers' JMX beans, by client id. Not
     * every such bean in the JVM: other test classes' gateways, kept in Spring's context cache, run
     * followers too (pointed at no broker), and counting them would make the bound wrong.
     */
    private static Set<ObjectName> followers() throws Exception {
        Set<ObjectName> followers = new HashSet<>();
        for (ConfigurableApplicationContext gateway : List.of(first, second, third)) {
            if (!gateway.isActive()
                    || !gateway.getBean(
                                    "catalogueChangeFollower",
                                    org.springframework.context.Lifecycle.class)
                            .isRunning()) {
                continue;
            }
            Map<?, ?> settings =
                    (Map<?, ?>)
                            ReflectionTestUtils.getField(
                                    gateway.getBean("catalogueChangeFollower"), "consumerSettings");
            followers.add(
                    new ObjectName(
                            "kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                                    + settings.get("client.id")));
        }
        return followers;
    }

    /** One of the followers' consumer metrics, summed over them. */
    private static double total(Set<ObjectName> followers, String metric) throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        double total = 0;
        for (ObjectName follower : followers) {
            total += ((Number) beans.getAttribute(follower, metric)).doubleValue();
        }
        return total;
    }

    private static double drops(ConfigurableApplicationContext gateway) {
        return gateway.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("gateway.catalogue.cache.drops")
                .counter()
                .count();
    }

    @Test
    void staffAndPublicAnswersAreKeptApartAndEachIsSharedWithinItsClass() throws Exception {
        String path = CATALOGUE;
        awaitKept(first, path, AGENT);
        awaitKept(first, path, null);
        int staffHits = caseService.hits(path, "staff");
        int publicHits = caseService.hits(path, "public");

        // Staff get the staff list, from memory, whoever they are.
        for (TestIssuer.TokenBuilder staff : List.of(AGENT, ADMIN)) {
            HttpResponse<String> answer = get(first, path, staff);
            assertThat(answer.body()).contains("\"view\":\"staff\"").contains("withdrawn-service");
            assertThat(answer.headers().allValues("Vary"))
                    .anyMatch(v -> v.contains("Authorization"));
        }
        // Beside them, anonymous callers and citizens get the public list, from memory too.
        for (TestIssuer.TokenBuilder caller : java.util.Arrays.asList(null, CITIZEN)) {
            HttpResponse<String> answer = get(first, path, caller);
            assertThat(answer.body())
                    .contains("\"view\":\"public\"")
                    .doesNotContain("withdrawn-service");
            assertThat(answer.headers().firstValue("ETag"))
                    .hasValue(CaseServiceStandIn.etag("public", caseService.revision.get()));
        }
        assertThat(caseService.hits(path, "staff")).isEqualTo(staffHits);
        assertThat(caseService.hits(path, "public")).isEqualTo(publicHits);
        // The field meant for the gateway never leaves it, on a miss or a hit.
        assertThat(get(first, path, null).headers().allValues("Gateway-Cache-Control")).isEmpty();
    }

    @Test
    void aCallerHoldingTheKeptETagGets304WithoutTheServiceBeingAsked() throws Exception {
        String path = OPEN311 + "?jurisdiction_id=etag";
        HttpResponse<String> kept = awaitKept(first, path, null);
        String etag = kept.headers().firstValue("ETag").orElseThrow();
        int before = caseService.hits(path);

        HttpResponse<String> current = get(first, path, null, "If-None-Match", etag);
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(current.headers().firstValue("ETag")).hasValue(etag);
        assertThat(current.headers().firstValue("Cache-Control")).hasValue("no-cache");
        // Beside it, a caller holding another version gets the list.
        HttpResponse<String> older = get(first, path, null, "If-None-Match", "\"public-r0\"");
        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(older.body()).isEqualTo(kept.body());
        assertThat(caseService.hits(path)).isEqualTo(before);
    }

    @Test
    void onlyAnAnswerTheServiceMarksForTheGatewayIsKept() throws Exception {
        // The positive control: the plain answer is kept.
        String plain = OPEN311 + "?variant=plain";
        awaitKept(first, plain, null);
        int plainHits = caseService.hits(plain);
        get(first, plain, null);
        assertThat(caseService.hits(plain)).isEqualTo(plainHits);

        for (String variant :
                List.of("no-store", "private", "cookie", "unmarked", "vary-cookie", "not-found")) {
            String path = OPEN311 + "?variant=" + variant;
            int before = caseService.hits(path);
            for (int i = 0; i < 3; i++) {
                get(first, path, null);
            }
            assertThat(caseService.hits(path)).as(variant).isEqualTo(before + 3);
        }
    }

    @Test
    void entriesEndAfterTheirTimeToLiveAndTheCacheStopsWhenItsFollowerStops() throws Exception {
        {
            String path = OPEN311 + "?jurisdiction_id=lifetime";
            awaitKept(third, path, null);
            int kept = caseService.hits(path);
            // Past the time to live the service is asked again, with no event.
            await().atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                get(third, path, null);
                                return caseService.hits(path) > kept;
                            });
            awaitKept(third, path, null);
            // What the operations team sees while it answers: live, and a kept read counted.
            assertThat(gauge(third, "gateway.catalogue.cache.live")).isEqualTo(1.0);
            double keptReads = reads(third, "kept");
            double fetchedBefore = reads(third, "fetched");
            int served = caseService.hits(path);
            get(third, path, null);
            // Counted as what happened: kept if the service was not asked (the usual case; the
            // entry's own end could fall between the reads on a slow machine), fetched if it was.
            boolean fromMemory = caseService.hits(path) == served;
            assertThat(reads(third, "kept")).isEqualTo(keptReads + (fromMemory ? 1 : 0));
            assertThat(reads(third, "fetched")).isEqualTo(fetchedBefore + (fromMemory ? 0 : 1));

            // A follower that no longer reads cases.events (stopped, or cut off from Kafka): within
            // max-silence every read goes to the service.
            third.getBean("catalogueChangeFollower", org.springframework.context.Lifecycle.class)
                    .stop();
            long stopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !third.getBean(CatalogueEntries.class).live());
            assertThat(Duration.ofNanos(System.nanoTime() - stopped))
                    .isLessThan(Duration.ofMillis(1500));
            int now = caseService.hits(path);
            double fetchedReads = reads(third, "fetched");
            keptReads = reads(third, "kept");
            for (int i = 0; i < 3; i++) {
                get(third, path, null);
            }
            assertThat(caseService.hits(path)).isEqualTo(now + 3);
            // ... and the meters say so: not live, every read fetched, none kept.
            assertThat(gauge(third, "gateway.catalogue.cache.live")).isZero();
            assertThat(reads(third, "fetched")).isEqualTo(fetchedReads + 3);
            assertThat(reads(third, "kept")).isEqualTo(keptReads);
        }
    }

    /**
     * The series the catalogue and Open311 SLOs are computed from (deploy/monitoring/rules/slo.yml,
     * ADR 45): the gateway's request timer by route and status, with the SLO's latency bucket. It
     * counts the reads answered from memory, which never reach case-service's own timer, and the
     * failures the gateway passes on.
     */
    @Test
    void everyReadIsTimedAtTheGatewayByRouteAndStatusThoseFromMemoryToo() throws Exception {
        String path = OPEN311 + "?jurisdiction_id=timed";
        awaitKept(first, path, null);
        String before = scrape(first);
        int served = caseService.hits(path);

        for (int i = 0; i < 3; i++) {
            assertThat(get(first, path, null).statusCode()).isEqualTo(200);
        }
        assertThat(caseService.hits(path)).as("answered from memory").isEqualTo(served);
        // A failure the service gives (tried three times) is one failed read for the caller.
        assertThat(get(first, OPEN311 + "?variant=error", null).statusCode()).isEqualTo(500);
        // Every other Open311 request is on its own route.
        assertThat(get(first, "/open311/v2/requests.json", null).statusCode()).isEqualTo(200);

        String route = "route=\"catalogue-reads\"";
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> {
                            String after = scrape(first);
                            assertThat(increase(before, after, COUNT, route, OK)).isEqualTo(3);
                            assertThat(increase(before, after, COUNT, route, "status=\"500\""))
                                    .isEqualTo(1);
                            assertThat(increase(before, after, BUCKET, route, OK, "le=\"1.0\""))
                                    .isEqualTo(3);
                            assertThat(
                                            increase(
                                                    before,
                                                    after,
                                                    COUNT,
                                                    "route=\"open311\"",
                                                    OK,
                                                    "method=\"GET\""))
                                    .isEqualTo(1);
                        });
    }

    private static String scrape(ConfigurableApplicationContext gateway) throws Exception {
        return PrometheusScrape.scrape(
                Integer.parseInt(
                        gateway.getEnvironment().getRequiredProperty("local.management.port")));
    }

    private static double gauge(ConfigurableApplicationContext gateway, String name) {
        return gateway.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get(name)
                .gauge()
                .value();
    }

    private static double reads(ConfigurableApplicationContext gateway, String result) {
        return gateway.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("gateway.catalogue.cache.reads")
                .tag("result", result)
                .counter()
                .count();
    }

    /** Reads until a read is answered without reaching the service; returns that answer. */
    private HttpResponse<String> awaitKept(
            ConfigurableApplicationContext gateway, String path, TestIssuer.TokenBuilder caller) {
        List<HttpResponse<String>> answer = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            get(gateway, path, caller);
                            int before = caseService.totalHits();
                            HttpResponse<String> again = get(gateway, path, caller);
                            answer.clear();
                            answer.add(again);
                            return again.statusCode() == 200 && caseService.totalHits() == before;
                        });
        return answer.get(0);
    }

    private HttpResponse<String> get(
            ConfigurableApplicationContext gateway,
            String path,
            TestIssuer.TokenBuilder caller,
            String... headers)
            throws IOException, InterruptedException {
        String port = gateway.getEnvironment().getRequiredProperty("local.server.port");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (caller != null) {
            request.header("Authorization", caller.bearer());
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext gateway(String... settings) {
        List<String> args = new ArrayList<>();
        TestIssuer.shared()
                .trustProperties()
                .forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(
                List.of(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.kafka.bootstrap-servers=" + KAFKA,
                        "--platform.services.case-service=" + caseService.url(),
                        "--platform.limits.anonymous.burst=100000",
                        "--platform.limits.authenticated.burst=100000"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new));
    }

    private static void send(CloudEvent event) {
        try (KafkaTopicWriter kafka = new KafkaTopicWriter(KAFKA)) {
            kafka.send(new CloudEvents().toProducerRecord(event));
        }
    }

    /** What case-service's outbox sends when a service definition changes. */
    private static CloudEvent changeEvent() {
        return new CloudEvents()
                .toCloudEvent(
                        serviceDefinition("pothole").changedAt(Instant.now()).build(),
                        UUID.randomUUID(),
                        null);
    }

    /** A case's event on the same topic, which says nothing about the catalogue. */
    private static CloudEvent otherEvent() {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(CaseStatusChanged.TYPE.source()))
                .withType(CaseStatusChanged.TYPE.type())
                .withTime(OffsetDateTime.now())
                .withSubject(UUID.randomUUID().toString())
                .withDataSchema(CaseStatusChanged.TYPE.dataschema())
                .withData(CloudEvents.JSON, "{}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Answers the catalogue reads as case-service does (CatalogueController,
     * Open311ServicesController): {@code Cache-Control: no-cache}, the list's {@code ETag}, {@code
     * Vary: Authorization} on the catalogue, and {@code Gateway-Cache-Control: max-age=5}; staff
     * (any staff role in the token) see a withdrawn service the public do not. {@code ?variant=} on
     * the Open311 list answers as a service that did not allow the gateway to keep it would, or one
     * that failed ({@code error}).
     */
    static final class CaseServiceStandIn {

        private static final Pattern ROLES = Pattern.compile("\"roles\"\\s*:\\s*\\[([^]]*)]");

        final AtomicInteger revision = new AtomicInteger(1);
        private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        private final HttpServer server;

        CaseServiceStandIn() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        int hits(String pathAndQuery) {
            return hits(pathAndQuery, "");
        }

        /** Reads of this path and query that reached the service, for this view ("" for any). */
        int hits(String pathAndQuery, String view) {
            return hits.entrySet().stream()
                    .filter(
                            hit ->
                                    hit.getKey().equals(pathAndQuery + " " + view)
                                            || (view.isEmpty()
                                                    && hit.getKey().startsWith(pathAndQuery + " ")))
                    .mapToInt(hit -> hit.getValue().get())
                    .sum();
        }

        int totalHits() {
            return hits.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        static String etag(String view, int revision) {
            return "\"" + view + "-r" + revision + "\"";
        }

        private void handle(HttpExchange exchange) throws IOException {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            if (path.startsWith("/actuator/")) {
                respond(exchange, 404, new byte[0]);
                return;
            }
            String query = uri.getRawQuery();
            boolean staff = staff(exchange.getRequestHeaders().getFirst("Authorization"));
            String view = path.equals(CATALOGUE) && staff ? "staff" : "public";
            hits.computeIfAbsent(
                            path + (query == null ? "" : "?" + query) + " " + view,
                            key -> new AtomicInteger())
                    .incrementAndGet();
            int current = revision.get();
            String body =
                    "[{\"code\":\"pothole\",\"view\":\""
                            + view
                            + "\",\"revision\":"
                            + current
                            + "}"
                            + (view.equals("staff") ? ",{\"code\":\"withdrawn-service\"}" : "")
                            + "]";
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("ETag", etag(view, current));
            headers.set("Cache-Control", "no-cache");
            headers.set("Gateway-Cache-Control", "max-age=5");
            if (path.equals(CATALOGUE)) {
                headers.set("Vary", "Authorization");
            }
            String variant =
                    query != null && query.startsWith("variant=") ? query.substring(8) : "";
            int status = 200;
            switch (variant) {
                case "no-store" -> headers.set("Cache-Control", "no-store");
                case "private" -> headers.set("Cache-Control", "private, no-cache");
                case "cookie" -> headers.set("Set-Cookie", "session=" + UUID.randomUUID());
                case "unmarked" -> headers.remove("Gateway-Cache-Control");
                case "vary-cookie" -> headers.set("Vary", "Cookie");
                case "not-found" -> status = 404;
                case "error" -> status = 500;
                default -> {
                    // as case-service answers
                }
            }
            respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
        }

        /** Whether the token's roles include a staff one, as case-service decides. */
        private static boolean staff(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            String[] parts = authorization.substring(7).split("\\.");
            String payload =
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Matcher roles = ROLES.matcher(payload);
            if (!roles.find()) {
                return false;
            }
            for (String role : roles.group(1).split(",")) {
                String name = role.strip().replace("\"", "");
                if (!name.isEmpty() && Role.valueOf(name).isStaff()) {
                    return true;
                }
            }
            return false;
        }

        private static void respond(HttpExchange exchange, int status, byte[] body)
                throws IOException {
            try (exchange) {
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}
