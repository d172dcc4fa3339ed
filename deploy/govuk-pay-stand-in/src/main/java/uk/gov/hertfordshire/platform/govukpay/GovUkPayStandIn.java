package uk.gov.hertfordshire.platform.govukpay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for GOV.UK Pay at the edge of what the council runs: its public payments API ({@link
 * PaymentsApi}) and the paying user's card pages ({@link CardPage}), with GOV.UK Pay's mock card
 * numbers ({@link MockCards}). The local platform runs it on port 8091 ({@code ./platform up});
 * case-service's tests start one in-process on a free port. Never deployed: in production
 * case-service talks to GOV.UK Pay itself.
 */
public final class GovUkPayStandIn implements AutoCloseable {

    /** The API key the stand-in accepts unless told another ({@code GOVUK_PAY_API_KEY}). */
    public static final String DEFAULT_API_KEY = "api_test_local_stand_in_key";

    private final HttpServer server;
    private final Payments payments;
    private final String baseUrl;
    private volatile boolean failing;
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch answer = new CountDownLatch(0);

    private GovUkPayStandIn(HttpServer server, Payments payments, String baseUrl) {
        this.server = server;
        this.payments = payments;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts a stand-in on 127.0.0.1.
     *
     * @param port the port, or 0 for a free one
     */
    public static GovUkPayStandIn start(String address, int port, String apiKey)
            throws IOException {
        Clock clock = Clock.systemUTC();
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        String baseUrl = "http://" + address + ":" + server.getAddress().getPort();
        Payments payments = new Payments(clock);
        GovUkPayStandIn standIn = new GovUkPayStandIn(server, payments, baseUrl);
        server.createContext(
                PaymentsApi.PATH,
                new PaymentsApi(payments, apiKey, baseUrl, standIn::failing, standIn::pause));
        CardPage cards = new CardPage(payments, clock);
        server.createContext("/secure/", cards);
        server.createContext("/card_details/", cards);
        server.createContext(
                // The local platform's health convention, which ./platform waits on.
                "/actuator/health",
                exchange -> {
                    try (exchange) {
                        Exchanges.send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
                    }
                });
        // Scraped like every other component of the local platform (Prometheus text format).
        server.createContext(
                "/actuator/prometheus",
                exchange -> {
                    try (exchange) {
                        StringBuilder text =
                                new StringBuilder(
                                        "# HELP govuk_pay_stand_in_payments Payments the stand-in"
                                                + " holds, by GOV.UK Pay status.\n"
                                                + "# TYPE govuk_pay_stand_in_payments gauge\n");
                        payments.countByStatus()
                                .forEach(
                                        (status, count) ->
                                                text.append("govuk_pay_stand_in_payments{status=\"")
                                                        .append(status)
                                                        .append("\"} ")
                                                        .append(count)
                                                        .append('\n'));
                        Exchanges.send(
                                exchange,
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                text.toString());
                    }
                });
        // Threads as needed: a held answer must not keep the card pages from being served.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return standIn;
    }

    /** Starts one on a free loopback port with {@link #DEFAULT_API_KEY}. */
    public static GovUkPayStandIn startOnFreePort() throws IOException {
        return start("127.0.0.1", 0, DEFAULT_API_KEY);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Holds a payment as GOV.UK Pay would describe it in the given status, as though a user had got
     * that far, for tests of what a service does with each.
     *
     * @param status one of GOV.UK Pay's statuses (created, started, submitted, success, failed,
     *     cancelled, error)
     */
    public void holds(String paymentId, long amountPence, String status, String reference) {
        payments.put(
                new Payment(
                        paymentId,
                        UUID.randomUUID().toString(),
                        amountPence,
                        reference,
                        "Blue Badge",
                        "https://www.hertfordshire.gov.uk/paid",
                        "en",
                        null,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        Payment.State.of(status),
                        null));
    }

    /** While failing, the API answers 500 with GOV.UK Pay's "Downstream system error". */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    private boolean failing() {
        return failing;
    }

    /**
     * Holds every API answer until {@link #answerHeld()}, as a slow GOV.UK Pay would.
     *
     * @return counted down when the next API request has arrived
     */
    public CountDownLatch holdAnswers() {
        arrived = new CountDownLatch(1);
        answer = new CountDownLatch(1);
        return arrived;
    }

    /** Lets the held answers go. */
    public void answerHeld() {
        answer.countDown();
    }

    private void pause() {
        arrived.countDown();
        try {
            answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Runs the stand-in until the process is stopped. {@code SERVER_ADDRESS} (default 127.0.0.1),
     * {@code SERVER_PORT} (default 8091) and {@code GOVUK_PAY_API_KEY} (default {@link
     * #DEFAULT_API_KEY}) as the platform's other components read them.
     */
    public static void main(String[] args) throws IOException {
        String address = env("SERVER_ADDRESS", "127.0.0.1");
        int port = Integer.parseInt(env("SERVER_PORT", "8091"));
        GovUkPayStandIn standIn = start(address, port, env("GOVUK_PAY_API_KEY", DEFAULT_API_KEY));
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.getLogger(GovUkPayStandIn.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "GOV.UK Pay stand-in listening on " + standIn.baseUrl());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
