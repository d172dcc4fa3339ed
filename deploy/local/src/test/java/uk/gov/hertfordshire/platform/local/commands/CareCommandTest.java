package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./platform care}, against care-service's operator endpoints: ProtectionController ({@code
 * POST /api/care/admin/key-rotation}), SubjectAccessController ({@code POST
 * /api/care/subject-access}), ClockController ({@code GET /api/care/clocks}) and
 * RetentionController ({@code GET /api/care/retention}, {@code POST /api/care/retention/run}), each
 * as the persona its roles allow.
 */
class CareCommandTest {

    private final FakeService idp = FakeIdentityProvider.start();
    private final FakeService care = FakeService.up();

    @AfterEach
    void stop() {
        idp.close();
        care.close();
    }

    private Commands.Result care(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "care";
        System.arraycopy(args, 0, all, 1, args.length);
        return Commands.with(idp).at("care-service", care).run(all);
    }

    @ParameterizedTest
    @CsvSource({
        "rotate,        POST, /api/care/admin/key-rotation, admin-judy",
        "clocks,        GET,  /api/care/clocks,             caremanager-heidi",
        "retention,     GET,  /api/care/retention,          admin-judy",
        "retention --run, POST, /api/care/retention/run,    admin-judy"
    })
    void eachSubcommandAsksItsEndpointAsItsPersona(
            String args, String method, String path, String persona) {
        String answer = "{\"activeKeyId\":\"k2\",\"reencrypted\":12,\"remaining\":0}";
        care.answer(method, path, FakeService.Answer.json(200, answer));

        Commands.Result result = care(args.split(" "));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(answer + "\n");
        assertThat(care.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.method()).isEqualTo(method);
                            assertThat(call.path()).isEqualTo(path);
                            assertThat(call.header("Authorization"))
                                    .isEqualTo("Bearer token-of-" + persona);
                        });
    }

    @Test
    void exportSendsTheNhsNumberInTheBodyNeverTheUrl() {
        String export = "{\"person\":{\"nhsNumber\":\"943 476 5919\"},\"referrals\":[]}";
        care.answer("POST", "/api/care/subject-access", FakeService.Answer.json(200, export));

        Commands.Result result = care("export", "943 476 5919");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(export + "\n");
        assertThat(care.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.path()).isEqualTo("/api/care/subject-access");
                            assertThat(call.body()).isEqualTo("{\"nhsNumber\":\"943 476 5919\"}");
                            assertThat(call.header("Authorization"))
                                    .isEqualTo("Bearer token-of-caremanager-heidi");
                        });
    }

    @Test
    void exportTakesTenDigitsWithOrWithoutSpacesOnly() {
        care.answer("POST", "/api/care/subject-access", FakeService.Answer.json(200, "{}"));

        assertThat(care("export", "9434765919").exit()).isZero();
        for (String refused :
                new String[] {"943476591", "94347659190000", "943-476-5919", " 9434765919", "x"}) {
            Commands.Result result = care("export", refused);
            assertThat(result.exit()).as(refused).isEqualTo(1);
            assertThat(result.err()).isEqualTo("usage: ./platform care export <nhs-number>\n");
        }
        assertThat(care("export").err()).isEqualTo("usage: ./platform care export <nhs-number>\n");
        assertThat(care.calls()).hasSize(1);
    }

    @Test
    void anUnknownSubcommandOrOptionShowsTheUsage() {
        String usage =
                "usage: ./platform care rotate | care export <nhs-number> | care clocks | care"
                        + " retention [--run]\n";
        assertThat(care().err()).isEqualTo(usage);
        assertThat(care("audit").err()).isEqualTo(usage);
        assertThat(care("retention", "--now").err())
                .isEqualTo("usage: ./platform care retention [--run]\n");
        assertThat(care("audit").exit()).isEqualTo(1);
        assertThat(care.calls()).isEmpty();
    }

    @Test
    void saysWhenCareServiceIsNotRunning() {
        care.close();

        Commands.Result result = care("clocks");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("care-service is not running; ./platform up starts it.\n");
    }

    @Test
    void showsARefusalAsCareServiceGaveIt() {
        String forbidden =
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"Access Denied\",\"instance\":\"/api/care/clocks\"}";
        care.answer("GET", "/api/care/clocks", FakeService.Answer.problem(403, forbidden));

        Commands.Result result = care("clocks");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("care-service answered 403: " + forbidden + "\n");
    }

    @Test
    void aFailedTokenStopsBeforeCareServiceIsAsked() {
        idp.close();

        Commands.Result result = care("clocks");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("The identity provider is not running on ");
        assertThat(care.calls()).isEmpty();
    }
}
