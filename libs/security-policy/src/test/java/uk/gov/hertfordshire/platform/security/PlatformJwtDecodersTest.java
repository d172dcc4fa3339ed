package uk.gov.hertfordshire.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer.Flaw;

/**
 * The gateway's decoder and the services' decoder refuse each flawed token for the same reason,
 * against the test issuer's real discovery document and JWKS: the HTTP tests only see "401", so
 * this pins down why, and that the two cannot disagree.
 */
class PlatformJwtDecodersTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final String CITIZENS = idp.issuer(TestIssuer.CITIZENS);
    static final String AUDIENCE = "hertfordshire-platform";
    static final Duration SKEW = Duration.ofSeconds(30);

    final JwtDecoder servlet = PlatformJwtDecoders.servlet(CITIZENS, AUDIENCE, SKEW);
    final ReactiveJwtDecoder reactive = PlatformJwtDecoders.reactive(CITIZENS, AUDIENCE, SKEW);

    @Test
    void aValidTokenDecodesInBothStacks() {
        String token = idp.citizen("alice").encode();

        Jwt blocking = servlet.decode(token);
        Jwt nonBlocking = reactive.decode(token).block(Duration.ofSeconds(10));

        assertThat(blocking.getSubject()).isEqualTo("alice");
        assertThat(blocking.getClaimAsStringList("roles")).containsExactly("CITIZEN");
        assertThat(nonBlocking.getClaims()).isEqualTo(blocking.getClaims());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flaw.class)
    void eachFlawIsRefusedByItsOwnCheckInTheServletDecoder(Flaw flaw) {
        String token = idp.citizen("alice").with(flaw).encode();

        assertThat(failure(() -> servlet.decode(token))).containsPattern(reason(flaw));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flaw.class)
    void eachFlawIsRefusedByItsOwnCheckInTheReactiveDecoder(Flaw flaw) {
        String token = idp.citizen("alice").with(flaw).encode();

        assertThat(failure(() -> reactive.decode(token).block(Duration.ofSeconds(10))))
                .containsPattern(reason(flaw));
    }

    @Test
    void aSignedTokenWithoutASubjectFailsValidationNotLaterAsAMissingCaller() {
        String token = idp.citizen("alice").with(Flaw.NO_SUBJECT).encode();

        assertThatThrownBy(() -> servlet.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> reactive.decode(token).block(Duration.ofSeconds(10)))
                .isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenJustPastExpiryIsStillAcceptedWithinTheClockSkew() {
        String expired = idp.citizen("alice").expired().encode();

        assertThat(
                        PlatformJwtDecoders.servlet(CITIZENS, AUDIENCE, Duration.ofMinutes(3))
                                .decode(expired)
                                .getSubject())
                .as("expired two minutes ago, three minutes of skew allowed")
                .isEqualTo("alice");
        assertThat(
                        PlatformJwtDecoders.reactive(CITIZENS, AUDIENCE, Duration.ofMinutes(3))
                                .decode(expired)
                                .block(Duration.ofSeconds(10))
                                .getSubject())
                .isEqualTo("alice");
    }

    /** The messages of what was thrown and its causes, one per line. */
    private static String failure(Runnable decode) {
        Throwable thrown = catchThrowable(decode::run);
        assertThat(thrown).as("refused").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** What the refusal says, as a pattern: the two decoders word a few of them differently. */
    private static String reason(Flaw flaw) {
        return switch (flaw) {
            case EXPIRED -> "Jwt expired at";
            case NOT_YET_VALID -> "Jwt used before";
            case UNKNOWN_KEY -> "Invalid signature";
            case UNSIGNED -> "Unsupported algorithm of none";
            case SYMMETRIC_WITH_PUBLIC_KEY ->
                    "Another algorithm expected|Unsupported algorithm of HS256";
            case UNTRUSTED_ISSUER -> "The iss claim is not valid";
            case WRONG_AUDIENCE -> "The aud claim is not valid";
            case NO_EXPIRY -> "exp is required";
            case NO_SUBJECT -> "The sub claim is not valid";
        };
    }
}
