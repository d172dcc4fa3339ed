package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import uk.gov.hertfordshire.platform.security.CallerPolicy;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer.Flaw;

/**
 * Each flawed token is refused by the check meant for it, not by an accident of its shape: the HTTP
 * tests only see "401", so this pins down why, against the issuer's real discovery and JWKS.
 */
class TokenChecksTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final String CITIZENS = idp.issuer(TestIssuer.CITIZENS);

    final JwtDecoder decoder =
            TrustedIssuerAuthenticationManagers.decoder(
                    CITIZENS, "hertfordshire-platform", Duration.ofSeconds(30));

    @Test
    void aValidTokenDecodes() {
        Jwt jwt = decoder.decode(idp.citizen("alice").encode());

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CITIZEN");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flaw.class)
    void eachFlawIsRefusedByItsOwnCheck(Flaw flaw) {
        String token = idp.citizen("alice").with(flaw).encode();

        assertThatThrownBy(() -> decoder.decode(token)).hasMessageContaining(reason(flaw));
    }

    @Test
    void onlyTrustedIssuersHaveAnAuthenticationManager() {
        TrustedIssuerAuthenticationManagers managers =
                new TrustedIssuerAuthenticationManagers(
                        List.of(new TrustedIssuer(CITIZENS, Set.of(Role.CITIZEN))),
                        issuer -> decoder,
                        new CallerConverter(
                                new CallerPolicy(
                                        List.of(
                                                new TrustedIssuer(
                                                        CITIZENS, Set.of(Role.CITIZEN))))));

        assertThat(managers.resolve(CITIZENS)).isNotNull();
        assertThat(managers.resolve(idp.untrustedIssuer())).isNull();
        assertThat(managers.resolve(CITIZENS + "/")).as("exact match only").isNull();
        assertThat(managers.resolve(null)).isNull();
    }

    @Test
    void aTokenJustPastExpiryIsStillAcceptedWithinTheClockSkew() {
        JwtDecoder strict =
                TrustedIssuerAuthenticationManagers.decoder(
                        CITIZENS, "hertfordshire-platform", Duration.ofMinutes(3));

        assertThat(strict.decode(idp.citizen("alice").expired().encode()).getSubject())
                .as("expired two minutes ago, three minutes of skew allowed")
                .isEqualTo("alice");
    }

    private static String reason(Flaw flaw) {
        return switch (flaw) {
            case EXPIRED -> "Jwt expired at";
            case NOT_YET_VALID -> "Jwt used before";
            case UNKNOWN_KEY -> "Invalid signature";
            case UNSIGNED -> "Unsupported algorithm of none";
            case SYMMETRIC_WITH_PUBLIC_KEY -> "Another algorithm expected";
            case UNTRUSTED_ISSUER -> "The iss claim is not valid";
            case WRONG_AUDIENCE -> "The aud claim is not valid";
        };
    }
}
