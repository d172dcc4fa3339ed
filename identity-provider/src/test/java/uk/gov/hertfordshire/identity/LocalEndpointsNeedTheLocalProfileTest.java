package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Without the {@code local} profile there is no way to get a token without credentials: the local
 * endpoints do not exist (404), while the standard grant still works.
 */
class LocalEndpointsNeedTheLocalProfileTest extends RunningProvider {

    @Autowired ApplicationContext context;

    @Test
    void withoutTheLocalProfileTheLocalEndpointsAreAbsent() {
        IdentityProviderClient idp = client();

        // The server is up and issuing, through the standard grant.
        assertThat(
                        idp.clientCredentials(
                                        "partners", "partner-nhs-herts", "nhs-herts-local-secret")
                                .statusCode())
                .isEqualTo(200);
        assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("local");
        assertThat(context.getBeanNamesForType(LocalTokenController.class)).isEmpty();
        for (String path :
                List.of(
                        "/local/tokens/citizen-alice",
                        "/local/tokens/admin-judy",
                        "/local/tokens/partner-nhs-herts",
                        "/local/keys/rotate")) {
            assertThat(idp.post(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(idp.get("/local/personas").statusCode()).isEqualTo(404);
    }
}
