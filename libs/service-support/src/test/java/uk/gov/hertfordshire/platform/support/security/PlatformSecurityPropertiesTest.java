package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.ServiceDefaultsAccess;

class PlatformSecurityPropertiesTest {

    @Test
    void theLibraryDefaultsTrustTheLocalIdentityProvidersThreeIssuers() {
        PlatformSecurityProperties properties = bind(defaults());

        assertThat(properties.issuers())
                .extracting(PlatformSecurityProperties.Issuer::issuer)
                .containsExactly(
                        "http://127.0.0.1:9000/staff",
                        "http://127.0.0.1:9000/citizens",
                        "http://127.0.0.1:9000/partners");
        assertThat(properties.issuers().get(0).grantableRoles())
                .containsExactlyInAnyOrder(
                        Role.AGENT,
                        Role.OFFICER,
                        Role.EDITOR,
                        Role.PUBLISHER,
                        Role.PRACTITIONER,
                        Role.CARE_MANAGER,
                        Role.ANALYST,
                        Role.ADMIN);
        assertThat(properties.issuers().get(1).grantableRoles()).containsExactly(Role.CITIZEN);
        assertThat(properties.issuers().get(2).grantableRoles()).containsExactly(Role.PARTNER);
        assertThat(properties.audience()).isEqualTo("hertfordshire-platform");
        assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anEnvironmentsIssuersReplaceTheDefaultsWholeRatherThanMergeWithThem() {
        MapConfigurationPropertySource environment =
                new MapConfigurationPropertySource(
                        Map.of(
                                "platform.security.issuers[0].issuer",
                                "https://login.microsoftonline.com/tenant/v2.0",
                                "platform.security.issuers[0].grantable-roles",
                                "OFFICER,ADMIN"));

        PlatformSecurityProperties properties = bind(environment, defaults());

        assertThat(properties.issuers())
                .extracting(PlatformSecurityProperties.Issuer::issuer)
                .containsExactly("https://login.microsoftonline.com/tenant/v2.0");
    }

    private static ConfigurationPropertySource defaults() {
        return new MapConfigurationPropertySource(ServiceDefaultsAccess.defaults());
    }

    private static PlatformSecurityProperties bind(ConfigurationPropertySource... sources) {
        return new Binder(List.of(sources))
                .bindOrCreate("platform.security", PlatformSecurityProperties.class);
    }
}
