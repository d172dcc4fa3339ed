package uk.gov.hertfordshire.platform.local.commands;

import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.json;
import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.text;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./platform api-key <name>}: issues an Open311 API key for a civic app through
 * case-service's admin API ({@code POST /api/open311/keys}, as the local admin persona) and prints
 * it. Only the key goes to standard output, so {@code KEY=$(./platform api-key open311-demo)}
 * works; how to revoke it goes to standard error.
 */
final class ApiKeyCommand {

    static final String CASE_SERVICE = "case-service";

    /** The admin API's rule without its spaces: letters, digits, dots, hyphens, underscores. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final LocalPlatform platform;
    private final Console console;
    private final TokenCommand tokens;

    ApiKeyCommand(LocalPlatform platform, Console console, TokenCommand tokens) {
        this.platform = platform;
        this.console = console;
        this.tokens = tokens;
    }

    int run(List<String> args) throws CommandFailure {
        String name = args.isEmpty() ? "" : args.get(0);
        if (!NAME.matcher(name).matches()) {
            throw CommandFailure.error(
                    "usage: ./platform api-key <name>   (e.g. ./platform api-key open311-demo)");
        }
        if (!platform.isUp(CASE_SERVICE)) {
            throw CommandFailure.error("case-service is not running; ./platform up starts it.");
        }
        String token = tokens.mint(TokenCommand.ADMIN);
        int port = platform.port(CASE_SERVICE);
        HttpResponse<String> response;
        try {
            response =
                    platform.send(
                            HttpRequest.newBuilder(platform.uri(CASE_SERVICE, "/api/open311/keys"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    LocalPlatform.JSON.writeValueAsString(
                                                            Map.of("name", name))))
                                    .build());
        } catch (IOException e) {
            throw CommandFailure.error("case-service did not answer on port " + port + ".");
        }
        if (response.statusCode() != 201) {
            throw CommandFailure.error(
                    "case-service answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode issued = json(response.body());
        String key = text(issued, "key");
        if (key.isEmpty()) {
            throw CommandFailure.error("Unexpected answer from case-service: " + response.body());
        }
        String id = text(issued, "id");
        console.note(
                "Open311 API key \""
                        + name
                        + "\" (id "
                        + id
                        + "). It is shown only now; revoke it with\n"
                        + "  curl -X DELETE -H \"Authorization: Bearer $(./platform token admin-judy)\""
                        + " localhost:"
                        + port
                        + "/api/open311/keys/"
                        + id);
        console.info(key);
        return 0;
    }
}
