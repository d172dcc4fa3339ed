package uk.gov.hertfordshire.platform.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform as a client sees it: tokens from the local identity provider, case submissions and
 * page reads through the gateway, and analytics' counted contacts read back case by case.
 *
 * <p>Submissions carry a token of {@code platform-bench}, the load-test client (an agent, with the
 * room above the usual rate limits that the gateway's local profile gives it), so that what the
 * table shows is the cluster's behaviour, not a 429 from a rate limit.
 */
public final class Gateway {

    /** A published starter page every platform has (content-service's starter content). */
    public static final String STARTER_PAGE =
            "/api/content/channels/web/pages?path=/roads/report-a-pothole";

    /** A pothole reported on the phone, with the catalogue's questions answered. */
    static final String CASE =
            "{\"serviceCode\":\"pothole\",\"channel\":\"phone\","
                    + "\"location\":{\"latitude\":51.80,\"longitude\":-0.21},"
                    + "\"attributes\":{\"where\":\"road\",\"depth\":\"over-100mm\","
                    + "\"size\":\"under-300mm\"}}";

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern ACCESS_TOKEN =
            Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNTED =
            Pattern.compile(
                    "\\{[^{}]*?\"caseId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"[^{}]*?"
                            + "\"timesCounted\"\\s*:\\s*(\\d+)[^{}]*}");

    private final URI gateway;
    private final URI identityProvider;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param gateway e.g. http://127.0.0.1:8080
     * @param identityProvider e.g. http://127.0.0.1:9000
     * @param timeout how long one request may take before it counts as unanswered
     */
    public Gateway(URI gateway, URI identityProvider, Duration timeout) {
        this.gateway = gateway;
        this.identityProvider = identityProvider;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public URI address() {
        return gateway;
    }

    /** An access token of the load-test client {@code platform-bench} (client credentials). */
    public String benchToken() throws IOException, InterruptedException {
        String basic =
                Base64.getEncoder()
                        .encodeToString(
                                // a published local demo value (identity-provider Personas)
                                "platform-bench:platform-bench-local-secret"
                                        .getBytes(StandardCharsets.UTF_8));
        return token(
                HttpRequest.newBuilder(identityProvider.resolve("/staff/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials")));
    }

    /** A demo persona's token, from the local profile's shortcut ({@code ./platform token}). */
    public String personaToken(String persona) throws IOException, InterruptedException {
        return token(
                HttpRequest.newBuilder(identityProvider.resolve("/local/tokens/" + persona))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String token(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer =
                http.send(
                        request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IOException(
                    "the identity provider issued no token ("
                            + answer.statusCode()
                            + "): is it running?");
        }
        return token.group(1);
    }

    /** Submits one case; never throws: a failure is an answer with {@link Answer#NO_ANSWER}. */
    public Answer submitCase(String token) {
        HttpRequest request =
                HttpRequest.newBuilder(gateway.resolve("/api/cases"))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(CASE))
                        .build();
        return send(Answer.Kind.CASE_SUBMISSION, request);
    }

    /** Reads one published page. */
    public Answer readPage(String token, String path) {
        HttpRequest request =
                HttpRequest.newBuilder(gateway.resolve(path))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build();
        return send(Answer.Kind.CONTENT_READ, request);
    }

    private Answer send(Answer.Kind kind, HttpRequest request) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            String caseId = null;
            if (kind == Answer.Kind.CASE_SUBMISSION && answer.statusCode() / 100 == 2) {
                caseId = caseId(answer.body());
            }
            return new Answer(kind, sent, System.nanoTime(), answer.statusCode(), caseId);
        } catch (IOException e) {
            return new Answer(kind, sent, System.nanoTime(), Answer.NO_ANSWER, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(kind, sent, System.nanoTime(), Answer.NO_ANSWER, null);
        }
    }

    /** Every case analytics has counted, with how many times ({@code /api/analytics/contacts}). */
    public Map<String, Integer> countedContacts(String analystToken)
            throws IOException, InterruptedException {
        Map<String, Integer> counted = new HashMap<>();
        String after = null;
        while (true) {
            HttpRequest request =
                    HttpRequest.newBuilder(
                                    gateway.resolve(
                                            "/api/analytics/contacts?limit=1000"
                                                    + (after == null ? "" : "&after=" + after)))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + analystToken)
                            .build();
            HttpResponse<String> page = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IOException(
                        "analytics answered " + page.statusCode() + ": " + page.body());
            }
            Map<String, Integer> rows = parseCounted(page.body());
            if (rows.isEmpty()) {
                return counted;
            }
            counted.putAll(rows);
            after = rows.keySet().stream().max(String::compareTo).orElseThrow();
        }
    }

    /** The case id in case-service's answer to a submission, or null. */
    static String caseId(String body) {
        Matcher id = ID.matcher(body);
        return id.find() ? id.group(1) : null;
    }

    /** caseId to timesCounted from one page of {@code /api/analytics/contacts}. */
    static Map<String, Integer> parseCounted(String body) {
        Map<String, Integer> rows = new java.util.LinkedHashMap<>();
        Matcher row = COUNTED.matcher(body);
        while (row.find()) {
            rows.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        return rows;
    }
}
