package uk.gov.hertfordshire.cases.fees;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for GOV.UK Pay's public API at the edge of what we run: {@code GET
 * /v1/payments/{paymentId}} with a bearer API key, answering the documented JSON shape (amount in
 * pence, {@code state.status}, {@code reference}, {@code payment_id}), 401 for a wrong key and 404
 * for an unknown payment.
 */
final class GovUkPayStandIn implements AutoCloseable {

    static final String API_KEY = "api_test_stand_in_key";

    private final HttpServer server;
    private final Map<String, String> payments = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile CountDownLatch arrived = new CountDownLatch(0);
    private volatile CountDownLatch answer = new CountDownLatch(0);

    GovUkPayStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/v1/payments/",
                exchange -> {
                    arrived.countDown();
                    try {
                        answer.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    String id =
                            exchange.getRequestURI().getPath().substring("/v1/payments/".length());
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    int status;
                    String body;
                    if (failing) {
                        status = 500;
                        body = "{\"code\":\"P0999\",\"description\":\"Downstream system error\"}";
                    } else if (!("Bearer " + API_KEY).equals(auth)) {
                        status = 401;
                        body = "";
                    } else if (payments.containsKey(id)) {
                        status = 200;
                        body = payments.get(id);
                    } else {
                        status = 404;
                        body = "{\"code\":\"P0200\",\"description\":\"Not found\"}";
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A payment as GOV.UK Pay describes it. */
    void holds(String paymentId, long amountPence, String status, String reference) {
        payments.put(
                paymentId,
                """
                {"amount":%d,"description":"Blue Badge","reference":"%s","language":"en",\
                "email":"citizen@example.org","state":{"status":"%s","finished":true},\
                "payment_id":"%s","payment_provider":"sandbox",\
                "created_date":"2026-11-25T10:15:30.000Z","delayed_capture":false,\
                "moto":false,"return_url":"https://www.hertfordshire.gov.uk/paid",\
                "_links":{"self":{"href":"https://publicapi.payments.service.gov.uk/v1/payments/%s",\
                "method":"GET"}}}"""
                        .formatted(amountPence, reference, status, paymentId, paymentId));
    }

    /**
     * Holds every answer until {@link #answerHeld()}, as a slow provider would.
     *
     * @return counted down when the next request has arrived
     */
    CountDownLatch holdAnswers() {
        arrived = new CountDownLatch(1);
        answer = new CountDownLatch(1);
        return arrived;
    }

    void answerHeld() {
        answer.countDown();
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
