package uk.gov.hertfordshire.platform.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running local platform, as a client sees it through the gateway and an operator sees it. */
final class Platform {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers to a pothole's required questions (the catalogue's), which online reports give. */
    static final String POTHOLE_ANSWERS =
            "{\"where\":\"road\",\"depth\":\"over-100mm\",\"size\":\"under-300mm\"}";

    private final URI gateway =
            URI.create(System.getProperty("platform.gateway", "http://127.0.0.1:8080"));
    private final Path data = Path.of(System.getProperty("platform.data", "data"));
    private final Path script = Path.of(System.getProperty("platform.script", "platform"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Tokens minted so far, by data folder and persona, shared by every test class in this run:
     * each {@code ./platform token} starts a JVM (1–3 s), and a token lives an hour, far longer
     * than the suite.
     */
    private static final Map<String, String> TOKENS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** An access token for a demo persona, from the local identity provider (cached). */
    String token(String persona) {
        return TOKENS.computeIfAbsent(
                data.toAbsolutePath() + "\n" + persona, key -> mintToken(persona));
    }

    private String mintToken(String persona) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(script.toString(), "token", persona)
                            .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PLATFORM_DATA", data.toString());
            Process process = builder.start();
            String token = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("./platform token " + persona + " failed");
            }
            return token;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** A GET through the gateway, as the persona (or anonymously for null). */
    HttpResponse<String> get(String path, String persona) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(15));
        if (persona != null) {
            request.header("Authorization", "Bearer " + token(persona));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(gateway.resolve(path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Submits a case as a citizen would (web, app) or an agent on their behalf (phone, face to
     * face, email) and returns its id, or null if the platform did not accept it.
     */
    String submitCase(String channel, String serviceCode) {
        if (!"pothole".equals(serviceCode)) {
            throw new IllegalArgumentException("only potholes have their questions answered here");
        }
        String persona = List.of("web", "app").contains(channel) ? "citizen-alice" : "agent-carol";
        try {
            HttpResponse<String> response =
                    post(
                            "/api/cases",
                            "{\"serviceCode\":\""
                                    + serviceCode
                                    + "\",\"channel\":\""
                                    + channel
                                    + "\",\"location\":{\"latitude\":51.80,\"longitude\":-0.21},"
                                    + "\"attributes\":"
                                    + POTHOLE_ANSWERS
                                    + "}",
                            Map.of(
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString(),
                                    "Authorization",
                                    "Bearer " + token(persona)));
            if (response.statusCode() / 100 != 2) {
                return null;
            }
            return JSON.readTree(response.body()).get("id").asString();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every case analytics has counted, with how many times. */
    Map<String, Integer> countedContacts() throws IOException, InterruptedException {
        Map<String, Integer> counted = new HashMap<>();
        countedContactRows().forEach((caseId, row) -> counted.put(caseId, row.timesCounted()));
        return counted;
    }

    /** A row of {@code /api/analytics/contacts}: a case, its channel, how often it was counted. */
    record CountedContact(String caseId, String channel, int timesCounted) {}

    /** Every case analytics has counted, by id, as {@code /api/analytics/contacts} lists it. */
    Map<String, CountedContact> countedContactRows() throws IOException, InterruptedException {
        Map<String, CountedContact> counted = new HashMap<>();
        String after = null;
        while (true) {
            HttpResponse<String> page =
                    get(
                            "/api/analytics/contacts?limit=1000"
                                    + (after == null ? "" : "&after=" + after),
                            "analyst-ivan");
            if (page.statusCode() != 200) {
                throw new IOException(
                        "analytics answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode rows = JSON.readTree(page.body());
            if (rows.isEmpty()) {
                return counted;
            }
            for (JsonNode row : rows) {
                String caseId = row.get("caseId").asString();
                counted.put(
                        caseId,
                        new CountedContact(
                                caseId,
                                row.get("channel").asString(),
                                row.get("timesCounted").asInt()));
                after = caseId;
            }
        }
    }

    /** What {@code ./platform <arguments>} prints on standard output, failing if it fails. */
    String output(String... arguments) throws IOException, InterruptedException {
        Command command = command(arguments);
        if (command.exit() != 0) {
            throw new IOException("./platform " + String.join(" ", arguments) + " failed");
        }
        return command.output().trim();
    }

    /** How {@code ./platform <arguments>} exited and what it printed on standard output. */
    record Command(int exit, String output) {}

    /**
     * Runs {@code ./platform <arguments>} with this platform's data folder (at most a minute). Its
     * standard output goes to a file read once it has exited, so a command that hangs, or leaves a
     * child holding the output open, fails at the limit instead of blocking the read.
     */
    Command command(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("platform-command", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectOutput(output.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PLATFORM_DATA", data.toString());
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(
                        "./platform " + String.join(" ", arguments) + " took over 60 s");
            }
            return new Command(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A form POST through the gateway, as a civic app sends Open311 requests. */
    HttpResponse<String> postForm(String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        String form =
                fields.entrySet().stream()
                        .map(
                                field ->
                                        java.net.URLEncoder.encode(
                                                        field.getKey(),
                                                        java.nio.charset.StandardCharsets.UTF_8)
                                                + "="
                                                + java.net.URLEncoder.encode(
                                                        field.getValue(),
                                                        java.nio.charset.StandardCharsets.UTF_8))
                        .collect(java.util.stream.Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(gateway.resolve(path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The lines a component has logged so far ({@code ./platform logs <component>}). */
    List<String> logLines(String component) throws IOException {
        return Files.readAllLines(data.resolve("logs").resolve(component + ".log"));
    }

    long kafkaPid() throws IOException {
        return Long.parseLong(Files.readString(data.resolve("run/kafka.pid")).trim());
    }

    /** {@code ./platform <arguments>} with this platform's data folder; returns its exit code. */
    int run(List<String> arguments, Duration limit) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PLATFORM_DATA", data.toString());
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                        data.resolve("e2e-platform-commands.log").toFile()));
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("./platform " + arguments + " took longer than " + limit);
        }
        return process.exitValue();
    }
}
