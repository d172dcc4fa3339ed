package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tokens from the local identity provider, through the running gateway and services: a citizen sees
 * their own case and not another citizen's, a partner agency's client-credentials token is accepted
 * as who it is, and a call without a token is refused at the door and at the service.
 */
class SecurityThroughThePlatformIT {

    private static final String CASE =
            "{\"serviceCode\":\"pothole\",\"channel\":\"web\","
                    + "\"location\":{\"latitude\":51.80,\"longitude\":-0.21},"
                    + "\"attributes\":"
                    + Platform.POTHOLE_ANSWERS
                    + "}";

    private final Platform platform = new Platform();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCitizenSeesTheirOwnCaseAndAnotherCitizenGets404() throws Exception {
        HttpResponse<String> created =
                platform.post(
                        "/api/cases",
                        CASE,
                        Map.of("Authorization", "Bearer " + platform.token("citizen-alice")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Platform.JSON.readTree(created.body()).get("id").asString();

        assertThat(platform.get("/api/cases/" + id, "citizen-alice").statusCode()).isEqualTo(200);
        assertThat(platform.get("/api/cases/" + id, "citizen-bob").statusCode()).isEqualTo(404);
    }

    @Test
    void aPartnerClientCredentialsTokenIsAcceptedAsThatPartner() throws Exception {
        String token = clientCredentials("partner-nhs-herts", "nhs-herts-local-secret");
        String aCase = "/api/cases/00000000-0000-4000-8000-000000000000";

        // The positive control: the same token is let through where a partner belongs and is
        // taken as its agency. It sends a referral over FHIR and finds it by its identifier.
        String reference = UUID.randomUUID().toString();
        IGenericClient fhir =
                CareReferralThroughThePlatformIT.FHIR.newRestfulGenericClient(
                        "http://127.0.0.1:8080/fhir/r4");
        fhir.registerInterceptor(new BearerTokenAuthInterceptor(token));
        String referralId =
                fhir.create()
                        .resource(CareReferralThroughThePlatformIT.referral(reference))
                        .execute()
                        .getId()
                        .getIdPart();
        HttpResponse<String> ownReferrals =
                get(
                        "/fhir/r4/ServiceRequest?identifier=https://nhs-herts.example/ref%7C"
                                + reference,
                        token);
        assertThat(ownReferrals.statusCode())
                .as("the partner's token searches its own referrals: " + ownReferrals.body())
                .isEqualTo(200);
        JsonNode bundle = Platform.JSON.readTree(ownReferrals.body());
        assertThat(bundle.get("entry"))
                .as("exactly the referral it sent, found as that agency's")
                .hasSize(1);
        assertThat(bundle.at("/entry/0/resource/id").asString()).isEqualTo(referralId);

        // The same case path each time; only the token differs.
        HttpResponse<String> withoutToken = get(aCase, null);
        HttpResponse<String> withStaffToken = get(aCase, platform.token("agent-carol"));
        HttpResponse<String> withToken = get(aCase, token);

        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withStaffToken.statusCode())
                .as("a role that may read cases passes the door and finds no such case")
                .isEqualTo(404);
        assertThat(withToken.statusCode())
                .as("authenticated, but a partner has no business with citizens' cases")
                .isEqualTo(403);
    }

    @Test
    void aServicesOwnPortRefusesACallWithoutAToken() throws Exception {
        // The same path with and without a token; only the token differs.
        URI aCase =
                URI.create("http://127.0.0.1:8081/api/cases/00000000-0000-4000-8000-000000000000");
        HttpResponse<String> direct =
                http.send(
                        HttpRequest.newBuilder(aCase).build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> directWithToken =
                http.send(
                        HttpRequest.newBuilder(aCase)
                                .header("Authorization", "Bearer " + platform.token("agent-carol"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(directWithToken.statusCode())
                .as("the token passes the service's own check; the case does not exist")
                .isEqualTo(404);
    }

    private String clientCredentials(String client, String secret) throws Exception {
        String basic =
                Base64.getEncoder()
                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:9000/partners/oauth2/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Platform.JSON.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
