package uk.gov.hertfordshire.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A token is verified once and then served from memory until its expiry, and nothing else is: each
 * test counts how often the real decoder (the test issuer's keys, the platform's checks) is asked.
 */
class VerifiedTokensTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final String CITIZENS = idp.issuer(TestIssuer.CITIZENS);
    static final String AUDIENCE = "hertfordshire-platform";

    final JwtDecoder realServlet =
            PlatformJwtDecoders.servlet(CITIZENS, AUDIENCE, Duration.ofSeconds(30));
    final ReactiveJwtDecoder realReactive =
            PlatformJwtDecoders.reactive(CITIZENS, AUDIENCE, Duration.ofSeconds(30));
    final AtomicInteger verifications = new AtomicInteger();
    final MovableClock clock = new MovableClock(Instant.now());

    final JwtDecoder counted =
            token -> {
                verifications.incrementAndGet();
                return realServlet.decode(token);
            };

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromMemory() {
        JwtDecoder decoder =
                PlatformJwtDecoders.remembering(counted, VerifiedTokens.jwts(16, clock));
        String token = idp.citizen("alice").encode();

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        assertThat(verifications).as("signature checks").hasValue(1);
    }

    @Test
    void theSameTokenWithItsSignatureAlteredIsVerifiedAfreshAndRefused() {
        JwtDecoder decoder =
                PlatformJwtDecoders.remembering(counted, VerifiedTokens.jwts(16, clock));
        String token = idp.citizen("alice").encode();
        decoder.decode(token);

        String tampered = alterSignature(token);

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).as("the tampered token was checked itself").hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItsExpiryHasPassed() {
        JwtDecoder decoder =
                PlatformJwtDecoders.remembering(counted, VerifiedTokens.jwts(16, clock));
        String token = idp.citizen("alice").encode();
        Instant expiry = decoder.decode(token).getExpiresAt();

        clock.set(expiry.minusSeconds(1));
        decoder.decode(token);
        assertThat(verifications).as("a second before expiry: from memory").hasValue(1);

        clock.set(expiry);
        decoder.decode(token);
        assertThat(verifications).as("at expiry: checked again").hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokens<Jwt> verified = VerifiedTokens.jwts(16, clock);
        JwtDecoder decoder = PlatformJwtDecoders.remembering(counted, verified);
        String wrongAudience = idp.citizen("alice").forAnotherAudience().encode();

        assertThatThrownBy(() -> decoder.decode(wrongAudience)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(wrongAudience)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(verified.size()).isZero();
    }

    @Test
    void theMemoryHoldsNoMoreThanItsCapacity() {
        VerifiedTokens<Jwt> verified = VerifiedTokens.jwts(3, clock);
        JwtDecoder decoder = PlatformJwtDecoders.remembering(counted, verified);

        for (int i = 0; i < 10; i++) {
            decoder.decode(idp.citizen("citizen-" + i).encode());
        }

        assertThat(verified.size()).isLessThanOrEqualTo(3);
        assertThat(verifications).hasValue(10);
    }

    @Test
    void aTokenWithoutAnExpiryIsNeverHeldWhileOneWithAnExpiryIs() {
        VerifiedTokens<Jwt> verified = VerifiedTokens.jwts(16, clock);
        Jwt lasting = verifiedToken("lasting", clock.instant().plusSeconds(60));
        Jwt endless = verifiedToken("endless", null);

        verified.remember(lasting);
        verified.remember(endless);

        assertThat(verified.find("lasting")).isSameAs(lasting);
        assertThat(verified.find("endless")).isNull();
        assertThat(verified.size()).isEqualTo(1);
    }

    @Test
    void theGatewaysDecoderAlsoVerifiesEachTokenOnce() {
        ReactiveJwtDecoder counting =
                token -> {
                    verifications.incrementAndGet();
                    return realReactive.decode(token);
                };
        ReactiveJwtDecoder decoder =
                PlatformJwtDecoders.remembering(counting, VerifiedTokens.jwts(16, clock));
        String token = idp.citizen("bob").encode();

        decoder.decode(token).block(Duration.ofSeconds(10));
        Jwt again = decoder.decode(token).block(Duration.ofSeconds(10));

        assertThat(again.getSubject()).isEqualTo("bob");
        assertThat(verifications).hasValue(1);
    }

    /**
     * A token as a decoder hands it back once verified, with the given expiry or none: built here
     * because the real validator refuses a token without {@code exp} before it could be held.
     */
    private static Jwt verifiedToken(String value, Instant expiry) {
        Jwt.Builder token = Jwt.withTokenValue(value).header("alg", "RS256").subject("alice");
        return expiry == null ? token.build() : token.expiresAt(expiry).build();
    }

    /**
     * The token with one character of its signature changed: not the last, whose low bits base64url
     * may ignore, so the signature's bytes really differ.
     */
    private static String alterSignature(String token) {
        int at = token.length() - 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
