package uk.gov.hertfordshire.platform.local.commands;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The local identity provider's token shortcut as {@code identity-provider}'s {@code
 * LocalTokenController} answers it in the local profile: {@code POST /local/tokens/<persona>} (200
 * with an OAuth2 token response, or 404 problem details naming the personas), {@code GET
 * /local/personas} and {@code POST /local/keys/rotate}. Shapes from {@code LocalPersonaTokenTest}
 * and the controller's records. Each persona's token here is {@code token-of-<persona>}.
 */
final class FakeIdentityProvider {

    /** identity-provider's Personas.ALL, in its order. */
    static final List<String> PERSONAS =
            List.of(
                    "citizen-alice",
                    "citizen-bob",
                    "agent-carol",
                    "officer-dan",
                    "editor-erin",
                    "publisher-frank",
                    "practitioner-grace",
                    "caremanager-heidi",
                    "analyst-ivan",
                    "admin-judy",
                    "partner-nhs-herts",
                    "partner-herts-police",
                    "platform-bench",
                    "platform-bench-partner");

    private FakeIdentityProvider() {}

    static FakeService start() {
        FakeService idp = FakeService.up();
        for (String persona : PERSONAS) {
            idp.answer(
                    "POST",
                    "/local/tokens/" + persona,
                    FakeService.Answer.json(200, token(persona)));
        }
        idp.answer(
                "GET",
                "/local/personas",
                FakeService.Answer.json(
                        200,
                        PERSONAS.stream()
                                .map(
                                        p ->
                                                "{\"name\":\""
                                                        + p
                                                        + "\",\"issuer\":\"http://127.0.0.1:9000/staff\","
                                                        + "\"roles\":[\"OFFICER\"],\"staff_id\":\"00010002\"}")
                                .collect(Collectors.joining(",", "[", "]"))));
        idp.answer(
                "POST",
                "/local/keys/rotate",
                FakeService.Answer.json(
                        200,
                        "{\"active_kid\":\"k-20261204-2\",\"published_kids\":[\"k-20261204-2\",\"k-20261204-1\"]}"));
        idp.otherwise(
                request ->
                        request.path().startsWith("/local/tokens/")
                                ? unknownPersona(
                                        request.path().substring("/local/tokens/".length()))
                                : FakeService.notFound(request));
        return idp;
    }

    /** The 404 an unknown persona gets: problem details whose detail lists the personas. */
    static FakeService.Answer unknownPersona(String name) {
        String names = String.join(", ", PERSONAS);
        return FakeService.Answer.problem(
                404,
                "{\"type\":\"about:blank\",\"title\":\"Unknown persona\",\"status\":404,"
                        + "\"detail\":\"No persona named "
                        + name
                        + ". Personas: "
                        + names
                        + "\",\"instance\":\"/local/tokens/"
                        + name
                        + "\",\"personas\":[\""
                        + String.join("\",\"", PERSONAS)
                        + "\"]}");
    }

    static String token(String persona) {
        return "{\"access_token\":\"token-of-"
                + persona
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}";
    }
}
