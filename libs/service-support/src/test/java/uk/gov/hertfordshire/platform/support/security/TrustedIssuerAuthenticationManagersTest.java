package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.security.CallerPolicy;
import uk.gov.hertfordshire.platform.security.PlatformJwtDecoders;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Only trusted issuers get an authentication manager; why each flawed token is refused is pinned
 * down for both stacks in security-policy's {@code PlatformJwtDecodersTest}.
 */
class TrustedIssuerAuthenticationManagersTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final String CITIZENS = idp.issuer(TestIssuer.CITIZENS);

    @Test
    void onlyTrustedIssuersHaveAnAuthenticationManager() {
        List<TrustedIssuer> trusted = List.of(new TrustedIssuer(CITIZENS, Set.of(Role.CITIZEN)));
        TrustedIssuerAuthenticationManagers managers =
                new TrustedIssuerAuthenticationManagers(
                        trusted,
                        issuer ->
                                PlatformJwtDecoders.servlet(
                                        issuer, "hertfordshire-platform", Duration.ofSeconds(30)),
                        new CallerConverter(new CallerPolicy(trusted)));

        assertThat(managers.resolve(CITIZENS)).isNotNull();
        assertThat(managers.resolve(idp.untrustedIssuer())).isNull();
        assertThat(managers.resolve(CITIZENS + "/")).as("exact match only").isNull();
        assertThat(managers.resolve(null)).isNull();
    }
}
