import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * ./platform chaos sap [N]: fee-paid events through sap-adapter into the SAP simulator while the
 * simulator goes down, times out after committing and comes back; then counts, from the two
 * ledgers, what was consumed, what SAP holds, duplicates and missing. Exit 0 only when duplicates
 * and missing are both 0 and every fee was posted.
 *
 * <p>Run by deploy/local/chaos/sap.sh with the launcher's libraries on the class path (Java's
 * single-file source launcher): kafka-clients to publish as case-service's outbox does, Jackson to
 * read the simulator's ledger, the PostgreSQL driver to read sap-adapter's posting ledger (as its
 * own role, read only).
 */
public class SapChaos {

    static final String KAFKA = "127.0.0.1:9092";
    static final String SAP = "http://127.0.0.1:8090";
    static final String ADAPTER = "http://127.0.0.1:8084";
    static final String LEDGER_DB = "jdbc:postgresql://127.0.0.1:5433/sap_adapter";
    static final String FEE_PAID = "uk.gov.hertfordshire.case.fee-paid.v1";
    static final String SCHEMA = "https://schemas.hertfordshire.gov.uk/events/case/fee-paid/v1.json";
    static final String SAP_LOGON =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    "HERTS_PLATFORM:local-sap-secret"
                                            .getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final KafkaProducer<String, byte[]> producer;
    final List<String> allEvents = new ArrayList<>();

    SapChaos() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        int fees = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int healthy = Math.max(50, fees / 2);
        SapChaos chaos = new SapChaos();
        try {
            fault("healthy", 0);
            System.exit(chaos.run(fees, healthy));
        } finally {
            fault("healthy", 0);
            chaos.producer.close();
        }
    }

    int run(int fees, int healthy) throws Exception {
        say("1/3 the simulator's own rate: %d journal entries straight to its SOAP endpoint", healthy);
        double direct = direct(healthy);

        say("2/3 SAP healthy: %d fees through Kafka and sap-adapter", healthy);
        long started = System.nanoTime();
        List<String> batch = publish(healthy);
        waitUntilPosted(batch, Duration.ofMinutes(5));
        double throughAdapter = healthy / seconds(started);

        say("3/3 chaos: %d fees while SAP is down, then times out after committing, then is back",
                fees);
        long foundBefore = adapterCounter("sap_postings_found_by_reference_total");
        List<String> chaos = new ArrayList<>(publish(fees / 4));
        fault("down", 0);
        say("  SAP down (503 on every call) for 15 s");
        chaos.addAll(publish(fees / 4));
        pause(Duration.ofSeconds(15));
        int committedBefore = sapDocuments().size();
        fault("timeout-after-commit", 12_000); // past the adapter's 10 s read timeout
        say("  SAP commits, then holds the answer 12 s (the adapter gives up at 10 s)");
        chaos.addAll(publish(fees / 4));
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        int withheld = 0;
        while (withheld < 2 && System.nanoTime() < deadline) {
            pause(Duration.ofSeconds(2));
            withheld = sapDocuments().size() - committedBefore;
        }
        say("  %d postings committed with their answer withheld", withheld);
        fault("healthy", 0);
        say("  SAP back");
        chaos.addAll(publish(fees - chaos.size()));
        waitUntilPosted(allEvents, Duration.ofMinutes(8));
        long foundByReference = adapterCounter("sap_postings_found_by_reference_total") - foundBefore;

        Map<String, Integer> documents = new HashMap<>();
        for (JsonNode document : sapDocuments()) {
            documents.merge(document.get("reference").asText(), 1, Integer::sum);
        }
        Map<String, Integer> states = ledgerStates(allEvents);
        int consumed = states.values().stream().mapToInt(Integer::intValue).sum();
        int inSap = 0;
        int duplicates = 0;
        int missing = 0;
        for (String event : allEvents) {
            int count = documents.getOrDefault(event, 0);
            inSap += count;
            duplicates += Math.max(0, count - 1);
            missing += count == 0 ? 1 : 0;
        }

        System.out.println();
        System.out.printf("%-44s %10s%n", "", "count");
        System.out.printf("%-44s %10d%n", "fee-paid events published", allEvents.size());
        System.out.printf("%-44s %10d%n", "events consumed (postings in the ledger)", consumed);
        System.out.printf("%-44s %10d%n", "  of which posted", states.getOrDefault("posted", 0));
        System.out.printf("%-44s %10d%n", "documents in SAP", inSap);
        System.out.printf("%-44s %10d%n", "duplicates", duplicates);
        System.out.printf("%-44s %10d%n", "missing", missing);
        System.out.printf("%-44s %10d%n", "commits whose answer SAP withheld", withheld);
        System.out.printf("%-44s %10d%n", "found in SAP by reference, not re-sent", foundByReference);
        System.out.println();
        System.out.printf("%-44s %10s%n", "rate (one connection, sequential)", "postings/s");
        System.out.printf("%-44s %10.1f%n", "simulator direct (SOAP, no adapter)", direct);
        System.out.printf("%-44s %10.1f%n", "through Kafka and sap-adapter, SAP healthy", throughAdapter);
        boolean clean =
                duplicates == 0
                        && missing == 0
                        && consumed == allEvents.size()
                        && states.getOrDefault("posted", 0) == allEvents.size();
        System.out.println(
                clean
                        ? "Clean: every fee is in SAP exactly once."
                        : "NOT CLEAN: see duplicates, missing or postings not posted above.");
        return clean ? 0 : 1;
    }

    /** Publishes fee-paid events as case-service's outbox does; returns their event ids. */
    List<String> publish(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String eventId = UUID.randomUUID().toString();
            String caseId = UUID.randomUUID().toString();
            Instant now = Instant.now();
            long pence = 500 + ThreadLocalRandom.current().nextInt(4_500);
            String data =
                    "{\"caseId\":\"" + caseId + "\",\"serviceCode\":\"blue-badge\",\"amountPence\":"
                            + pence
                            + ",\"currency\":\"GBP\",\"paymentProvider\":\"govuk-pay\","
                            + "\"paymentReference\":\"chaos" + i + "\",\"paidAt\":\"" + now + "\"}";
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>("cases.events", caseId, data.getBytes(StandardCharsets.UTF_8));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", eventId);
            header(record, "ce_source", "/case-service");
            header(record, "ce_type", FEE_PAID);
            header(record, "ce_time", now.toString());
            header(record, "ce_subject", caseId);
            header(record, "ce_dataschema", SCHEMA);
            header(record, "content-type", "application/json");
            producer.send(record);
            ids.add(eventId);
        }
        producer.flush();
        allEvents.addAll(ids);
        return ids;
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Journal entries posted one after another on one connection, as the adapter's worker does. */
    static double direct(int count) throws Exception {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> answer =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    SAP + "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi"))
                                    .header("Authorization", SAP_LOGON)
                                    .header("Content-Type", "text/xml; charset=utf-8")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            journalEntry("chaos-direct-" + i, today)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("<MaximumSeverityCode>1<")) {
                throw new IllegalStateException("SAP refused a direct posting: " + answer.body());
            }
        }
        return count / seconds(started);
    }

    /** Waits until sap-adapter's ledger holds every one of these events as posted. */
    static void waitUntilPosted(List<String> events, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> states = ledgerStates(events);
            int posted = states.getOrDefault("posted", 0);
            System.err.printf("\r  %d of %d posted %s   ", posted, events.size(), states);
            if (posted == events.size()) {
                System.err.println();
                return;
            }
            pause(Duration.ofSeconds(1));
        }
        System.err.println();
        say("  gave up waiting after %s", limit);
    }

    /** The adapter's postings for these events, counted by state. */
    static Map<String, Integer> ledgerStates(List<String> events) throws Exception {
        Map<String, Integer> states = new HashMap<>();
        try (Connection db = DriverManager.getConnection(LEDGER_DB, "sap_adapter", "sap_adapter")) {
            db.setReadOnly(true);
            Array ids = db.createArrayOf("uuid", events.stream().map(UUID::fromString).toArray());
            try (PreparedStatement query =
                    db.prepareStatement(
                            "SELECT state, count(*) FROM posting WHERE source_event_id = ANY (?)"
                                    + " GROUP BY state")) {
                query.setArray(1, ids);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        states.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
        }
        return states;
    }

    /** Every document in the simulator's own ledger. */
    static List<JsonNode> sapDocuments() throws Exception {
        HttpResponse<String> ledger =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(SAP + "/admin/ledger")).build(),
                        HttpResponse.BodyHandlers.ofString());
        List<JsonNode> documents = new ArrayList<>();
        JSON.readTree(ledger.body()).get("documents").forEach(documents::add);
        return documents;
    }

    static void fault(String mode, long delayMs) throws Exception {
        HttpResponse<String> answer =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(SAP + "/admin/faults"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        "{\"mode\":\"" + mode + "\",\"delayMs\":" + delayMs + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The simulator refused fault " + mode + ": " + answer.body());
        }
    }

    /** A counter sap-adapter exports, from its Prometheus endpoint (0 if not yet registered). */
    static long adapterCounter(String name) throws Exception {
        String exposition =
                HTTP.send(
                                HttpRequest.newBuilder(URI.create(ADAPTER + "/actuator/prometheus")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static String journalEntry(String reference, String date) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sfin=\"http://sap.com/xi/SAPSCORE/SFIN\"><soapenv:Body>"
                + "<sfin:JournalEntryBulkCreateRequest><MessageHeader><ID>CHAOS</ID></MessageHeader>"
                + "<JournalEntryCreateRequest><MessageHeader><ID>CHAOS</ID></MessageHeader><JournalEntry>"
                + "<AccountingDocumentType>SA</AccountingDocumentType><CompanyCode>HCC1</CompanyCode>"
                + "<DocumentDate>" + date + "</DocumentDate><PostingDate>" + date + "</PostingDate>"
                + "<Item><GLAccount>11002000</GLAccount><AmountInTransactionCurrency currencyCode=\"GBP\">"
                + "10.00</AmountInTransactionCurrency><DebitCreditCode>S</DebitCreditCode>"
                + "<DocumentItemText>" + reference + "</DocumentItemText></Item>"
                + "<Item><GLAccount>41001000</GLAccount><AmountInTransactionCurrency currencyCode=\"GBP\">"
                + "-10.00</AmountInTransactionCurrency><DebitCreditCode>H</DebitCreditCode>"
                + "<DocumentItemText>" + reference + "</DocumentItemText>"
                + "<AccountAssignment><CostCenter>CC4107</CostCenter></AccountAssignment></Item>"
                + "</JournalEntry></JournalEntryCreateRequest></sfin:JournalEntryBulkCreateRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    // The scenario's own timeline (how long SAP stays down), not a test waiting for an outcome.
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    static void say(String format, Object... args) {
        System.err.println(String.format(format, args));
    }
}
