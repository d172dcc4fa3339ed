package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ./platform token}, against the local identity provider's shortcut as it answers. */
class TokenCommandTest {

    private static final String PERSONAS =
            "Personas: citizen-alice, citizen-bob, agent-carol, officer-dan, editor-erin,"
                    + " publisher-frank, practitioner-grace, caremanager-heidi, analyst-ivan,"
                    + " admin-judy, partner-nhs-herts, partner-herts-police, platform-bench,"
                    + " platform-bench-partner";

    private final FakeService idp = FakeIdentityProvider.start();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void printsOnlyThePersonasAccessToken() {
        Commands.Result result = Commands.with(idp).run("token", "officer-dan");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("token-of-officer-dan\n");
        assertThat(result.err()).isEmpty();
        assertThat(idp.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.method()).isEqualTo("POST");
                            assertThat(call.path()).isEqualTo("/local/tokens/officer-dan");
                        });
    }

    @Test
    void anUnknownPersonaIsNamedWithTheKnownOnes() {
        Commands.Result result = Commands.with(idp).run("token", "citizen-mallory");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("No persona named citizen-mallory. " + PERSONAS + "\n");
    }

    @Test
    void aNameThatCannotBeAPersonaIsNotPutIntoAUrl() {
        Commands.Result result = Commands.with(idp).run("token", "../keys/rotate");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Unknown persona '../keys/rotate'. " + PERSONAS + "\n");
        assertThat(idp.calls())
                .extracting(FakeService.Request::path)
                .containsExactly("/local/personas");
    }

    @Test
    void withoutAPersonaShowsTheUsageAndThePersonas() {
        for (String help : new String[] {"", "-h", "--help"}) {
            Commands.Result result =
                    help.isEmpty()
                            ? Commands.with(idp).run("token")
                            : Commands.with(idp).run("token", help);

            assertThat(result.exit()).as(help).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo(
                            "usage: ./platform token <persona> | ./platform token --rotate-key\n"
                                    + PERSONAS
                                    + "\n");
        }
    }

    @Test
    void withTheIdentityProviderDownTheUsagePointsToTheReadme() {
        idp.close();

        Commands.Result result = Commands.with(idp).run("token");

        assertThat(result.err())
                .isEqualTo(
                        "usage: ./platform token <persona> | ./platform token --rotate-key\n"
                                + "Personas: see deploy/local/README.md\n");
    }

    @Test
    void saysWhenTheIdentityProviderIsNotRunning() {
        idp.close();

        Commands.Result result = Commands.with(idp).run("token", "officer-dan");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(
                        "The identity provider is not running on http://127.0.0.1:"
                                + idp.port()
                                + "; ./platform up starts it.\n");
    }

    @Test
    void anIdentityProviderOutsideTheLocalProfileOffersNoTokens() {
        // Outside the local profile LocalTokenController does not exist: Spring's own 404.
        try (FakeService production = FakeService.up()) {
            Commands.Result result = Commands.with(production).run("token", "officer-dan");

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo(
                            "http://127.0.0.1:"
                                    + production.port()
                                    + " does not offer local tokens: the identity provider mints"
                                    + " them only in the local profile (./platform up starts it"
                                    + " so).\n");
        }
    }

    @Test
    void anyOtherAnswerIsShownAsItCame() {
        idp.answer(
                "POST",
                "/local/tokens/officer-dan",
                FakeService.Answer.problem(
                        500,
                        "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}"));

        Commands.Result result = Commands.with(idp).run("token", "officer-dan");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(
                        "The identity provider answered 500: {\"type\":\"about:blank\","
                                + "\"title\":\"Internal Server Error\",\"status\":500}\n");
    }

    @Test
    void anAnswerWithoutATokenIsRefused() {
        idp.answer("POST", "/local/tokens/officer-dan", FakeService.Answer.json(200, "{}"));

        Commands.Result result = Commands.with(idp).run("token", "officer-dan");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Unexpected answer from the identity provider: {}\n");
    }

    @Test
    void rotatesTheSigningKey() {
        Commands.Result result = Commands.with(idp).run("token", "--rotate-key");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "New signing key k-20261204-2. Earlier keys stay published, so tokens"
                                + " already issued stay valid.\n");
        assertThat(idp.calls())
                .extracting(FakeService.Request::method, FakeService.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/local/keys/rotate"));
    }

    @Test
    void errorsAreRedOnATerminalOnly() {
        idp.close();

        String plain = Commands.with(idp).run("token", "officer-dan").err();
        String red = Commands.with(idp).onATerminal().run("token", "officer-dan").err();

        assertThat(plain).doesNotContain("\u001b[");
        assertThat(red).isEqualTo("\u001b[31m" + plain.strip() + "\u001b[0m\n");
    }
}
