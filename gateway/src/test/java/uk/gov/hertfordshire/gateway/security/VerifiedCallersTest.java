package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.web.server.ServerWebExchange;
import uk.gov.hertfordshire.platform.security.CallerPolicy;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The gateway's memory of verified callers, in front of the real per-issuer decoders (against a
 * real JWKS): it counts how often a token reaches them, the way ADR 22's {@code VerifiedTokensTest}
 * counts signature checks.
 */
class VerifiedCallersTest {

    static final TestIssuer issuer = TestIssuer.shared();

    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedCallers callers = new VerifiedCallers(counted(), 16, clock);
    private final ServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.get("/api/cases"));

    @Test
    void aRepeatedTokenIsVerifiedOnceAndNamesTheSameCaller() {
        String token = issuer.citizen("alice").encode();

        Authentication first = authenticate(token);
        Authentication second = authenticate(token);

        assertThat(verifications).hasValue(1);
        assertThat(second.getName()).isEqualTo(first.getName()).contains("alice");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainFromItsExpiry() {
        String token = issuer.citizen("bob").encode();
        Instant expiry = ((CallerAuthentication) authenticate(token)).getToken().getExpiresAt();

        clock.set(expiry.minusMillis(1));
        authenticate(token);
        assertThat(verifications).as("still remembered just before exp").hasValue(1);

        clock.set(expiry);
        // The decoder's own clock is the real one, to which the token is still valid: what this
        // shows is that the memory let it go at exp and asked the decoder again.
        authenticate(token);
        assertThat(verifications).as("verified again at exp").hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRememberedWhileAValidOneIs() {
        String valid = issuer.citizen("carol").encode();
        String expired = issuer.citizen("carol").expired().encode();

        authenticate(valid);
        authenticate(valid);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticate(expired))
                    .isInstanceOf(InvalidBearerTokenException.class);
        }

        assertThat(verifications).as("valid once, expired twice").hasValue(3);
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsVerifiedAfreshAndRefused() {
        String token = issuer.citizen("dave").encode();
        authenticate(token);
        int at = token.lastIndexOf('.') + 10; // inside the signature, clear of its padding bits
        char[] chars = token.toCharArray();
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        String tampered = new String(chars);

        assertThatThrownBy(() -> authenticate(tampered))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifications).hasValue(2);
    }

    private Authentication authenticate(String token) {
        return callers.resolve(exchange)
                .flatMap(manager -> manager.authenticate(new BearerTokenAuthenticationToken(token)))
                .block(Duration.ofSeconds(10));
    }

    /** The gateway's real issuer resolution, counting each token that reaches it. */
    private ReactiveAuthenticationManagerResolver<ServerWebExchange> counted() {
        String citizens = issuer.issuer(TestIssuer.CITIZENS);
        SecurityProperties properties =
                new SecurityProperties(
                        TestIssuer.AUDIENCE,
                        List.of(new SecurityProperties.Issuer(citizens, Set.of(Role.CITIZEN))),
                        Duration.ofSeconds(30),
                        new SecurityProperties.Cors(List.of()),
                        false);
        CallerPolicy policy =
                new CallerPolicy(List.of(new TrustedIssuer(citizens, Set.of(Role.CITIZEN))));
        JwtIssuerReactiveAuthenticationManagerResolver real =
                new JwtIssuerReactiveAuthenticationManagerResolver(
                        new GatewaySecurityConfiguration.TrustedIssuerManagers(properties, policy));
        return exchange ->
                real.resolve(exchange)
                        .map(
                                manager ->
                                        authentication -> {
                                            verifications.incrementAndGet();
                                            return manager.authenticate(authentication);
                                        });
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
