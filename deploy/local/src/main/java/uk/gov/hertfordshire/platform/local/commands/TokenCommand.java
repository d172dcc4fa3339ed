package uk.gov.hertfordshire.platform.local.commands;

import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.json;
import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.text;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./platform token <persona> | token --rotate-key}: a demo persona's access token, or a new
 * signing key, from the local identity provider. It mints persona tokens without a browser only in
 * the local profile, which is how {@code ./platform} starts it (identity-provider/README.md). The
 * other commands take their tokens from here.
 */
final class TokenCommand {

    static final String IDENTITY_PROVIDER = "identity-provider";

    /** The persona whose token the administrative commands use. */
    static final String ADMIN = "admin-judy";

    /**
     * Persona names are lower-case words joined by hyphens; anything else cannot be one, and is not
     * put into a URL.
     */
    private static final Pattern PERSONA = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final String ROTATE = "--rotate-key";

    private final LocalPlatform platform;
    private final Console console;

    TokenCommand(LocalPlatform platform, Console console) {
        this.platform = platform;
        this.console = console;
    }

    int run(List<String> args) throws CommandFailure {
        String name = args.isEmpty() ? "" : args.get(0);
        if (name.equals(ROTATE)) {
            String body = post("/local/keys/rotate");
            String kid = text(json(body), "active_kid");
            if (kid.isEmpty()) {
                throw CommandFailure.error("Unexpected answer from the identity provider: " + body);
            }
            console.info(
                    "New signing key "
                            + kid
                            + ". Earlier keys stay published, so tokens already issued stay valid.");
            return 0;
        }
        console.info(mint(name));
        return 0;
    }

    /** A persona's access token. */
    String mint(String name) throws CommandFailure {
        if (name.isEmpty() || name.equals("-h") || name.equals("--help")) {
            throw CommandFailure.error(
                    "usage: ./platform token <persona> | ./platform token --rotate-key\nPersonas: "
                            + personaNames());
        }
        if (!PERSONA.matcher(name).matches()) {
            throw CommandFailure.error(
                    "Unknown persona '" + name + "'. Personas: " + personaNames());
        }
        String body = post("/local/tokens/" + name);
        String token = text(json(body), "access_token");
        if (token.isEmpty()) {
            throw CommandFailure.error("Unexpected answer from the identity provider: " + body);
        }
        return token;
    }

    private String post(String path) throws CommandFailure {
        String url = platform.baseUrl(IDENTITY_PROVIDER);
        HttpResponse<String> response;
        try {
            response =
                    platform.send(
                            HttpRequest.newBuilder(platform.uri(IDENTITY_PROVIDER, path))
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build());
        } catch (IOException e) {
            throw CommandFailure.error(
                    "The identity provider is not running on "
                            + url
                            + "; ./platform up starts it.");
        }
        switch (response.statusCode()) {
            case 200:
                return response.body();
            case 404:
                String detail = text(json(response.body()), "detail");
                if (detail.contains("Personas:")) {
                    throw CommandFailure.error(detail);
                }
                throw CommandFailure.error(
                        url
                                + " does not offer local tokens: the identity provider mints them"
                                + " only in the local profile (./platform up starts it so).");
            default:
                throw CommandFailure.error(
                        "The identity provider answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
        }
    }

    /** The personas the running identity provider knows, comma-separated. */
    String personaNames() {
        List<String> names = new ArrayList<>();
        try {
            HttpResponse<String> response =
                    platform.send(
                            HttpRequest.newBuilder(
                                            platform.uri(IDENTITY_PROVIDER, "/local/personas"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build());
            if (response.statusCode() / 100 == 2) {
                for (JsonNode persona : json(response.body())) {
                    String personaName = text(persona, "name");
                    if (!personaName.isEmpty()) {
                        names.add(personaName);
                    }
                }
            }
        } catch (IOException e) {
            // not running: the README lists them
        }
        return names.isEmpty() ? "see deploy/local/README.md" : String.join(", ", names);
    }
}
