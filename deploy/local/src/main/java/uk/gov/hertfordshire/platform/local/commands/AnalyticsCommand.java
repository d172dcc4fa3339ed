package uk.gov.hertfordshire.platform.local.commands;

import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.json;
import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.text;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./platform analytics rebuild | analytics dashboard}. A rebuild builds every analytics
 * projection from the start of the Kafka log beside the live ones, shows its progress, and returns
 * once analytics-service serves the new figures (ADR 9). The dashboard's address carries an
 * analyst's token in its fragment, which a browser never sends to a server.
 */
final class AnalyticsCommand {

    static final String ANALYTICS = "analytics-service";

    private static final String REBUILDS = "/api/analytics/admin/rebuilds";

    private final LocalPlatform platform;
    private final Console console;
    private final TokenCommand tokens;
    private final Duration pollEvery;

    AnalyticsCommand(
            LocalPlatform platform, Console console, TokenCommand tokens, Duration pollEvery) {
        this.platform = platform;
        this.console = console;
        this.tokens = tokens;
        this.pollEvery = pollEvery;
    }

    int run(List<String> args) throws CommandFailure {
        switch (args.isEmpty() ? "" : args.get(0)) {
            case "rebuild" -> rebuild();
            case "dashboard" ->
                    console.info(
                            platform.baseUrl(ANALYTICS)
                                    + "/dashboard/#token="
                                    + tokens.mint("analyst-ivan"));
            default ->
                    throw CommandFailure.error(
                            "usage: ./platform analytics rebuild | ./platform analytics dashboard");
        }
        return 0;
    }

    private void rebuild() throws CommandFailure {
        if (!platform.isUp(ANALYTICS)) {
            throw CommandFailure.error(
                    "analytics-service is not running (./platform up -d starts it).");
        }
        String auth = "Bearer " + tokens.mint(TokenCommand.ADMIN);
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response =
                    platform.send(
                            HttpRequest.newBuilder(platform.uri(ANALYTICS, REBUILDS))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", auth)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build());
        } catch (IOException e) {
            throw CommandFailure.error("Could not reach analytics-service.");
        }
        JsonNode answer = json(response.body());
        if (response.statusCode() == 409) {
            // A problem whose "generation" names the rebuild that runs (RebuildController).
            throw CommandFailure.error(
                    text(answer, "detail")
                            + " Follow it: curl -H 'Authorization: Bearer ...' "
                            + platform.baseUrl(ANALYTICS)
                            + REBUILDS
                            + "/"
                            + text(answer, "generation"));
        }
        if (response.statusCode() != 202) {
            throw CommandFailure.error(
                    "analytics-service answered " + response.statusCode() + ": " + response.body());
        }
        String generation = text(answer.path("rebuild"), "generation");
        console.info(
                "Rebuilding generation "
                        + generation
                        + " from the start of the log (live figures stay served meanwhile)");
        JsonNode progress = follow(REBUILDS + "/" + generation, auth);
        JsonNode rebuild = progress.path("rebuild");
        JsonNode perSecond = progress.path("eventsPerSecond");
        console.info(
                "  read "
                        + text(rebuild, "eventsRead")
                        + " events up to the cut-off, skipped "
                        + text(rebuild, "eventsSkipped")
                        + "; "
                        + (perSecond.isNumber() ? String.valueOf(perSecond.asLong()) : "")
                        + " events/s");
        console.info(
                "  serving generation "
                        + text(rebuild, "generation")
                        + " since "
                        + text(rebuild, "switchedAt")
                        + " ("
                        + seconds(Duration.ofNanos(System.nanoTime() - started))
                        + " s in all)");
    }

    /** Polls the rebuild until it serves; its last progress. */
    private JsonNode follow(String path, String auth) throws CommandFailure {
        int polls = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response =
                        platform.send(
                                HttpRequest.newBuilder(platform.uri(ANALYTICS, path))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Authorization", auth)
                                        .build());
            } catch (IOException e) {
                response = null;
            }
            if (response == null || response.statusCode() / 100 != 2) {
                throw CommandFailure.error("Lost analytics-service while rebuilding.");
            }
            JsonNode progress = json(response.body());
            JsonNode rebuild = progress.path("rebuild");
            String state = text(rebuild, "state");
            long read = rebuild.path("eventsRead").asLong();
            long total = rebuild.path("eventsToRead").asLong();
            if (console.terminal()) {
                console.progress(
                        "  %s: %d / %d events (%d%%)"
                                .formatted(
                                        state, read, total, total > 0 ? read * 100 / total : 100));
            } else if (++polls % 10 == 0) {
                console.info("  %s: %d / %d events".formatted(state, read, total));
            }
            if (state.equals("serving")) {
                console.clearLine();
                return progress;
            }
            if (state.equals("abandoned")) {
                console.clearLine();
                throw CommandFailure.error(
                        "Rebuild abandoned: "
                                + text(rebuild, "failure")
                                + ". The served figures are unchanged.");
            }
            pause();
        }
    }

    private void pause() throws CommandFailure {
        try {
            Thread.sleep(pollEvery.toMillis()); // sleep-ok: polls a rebuild's progress
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.error("Interrupted; the rebuild goes on in analytics-service.");
        }
    }

    /** Seconds with one decimal, cut rather than rounded: 7,345 ms is "7.3". */
    static String seconds(Duration elapsed) {
        long millis = elapsed.toMillis();
        return millis / 1000 + "." + millis % 1000 / 100;
    }
}
