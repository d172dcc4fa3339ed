package uk.gov.hertfordshire.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * What makes a platform token genuine, for the gateway (reactive) and every service (servlet) alike
 * (ADR 10): signed with RS256 or ES256 by a key in the issuer's JWKS (never {@code none}, never a
 * shared secret), from exactly this issuer, for this audience, with an expiry, inside its validity
 * window give or take the clock skew, and naming a subject. A token that fails any of these is the
 * caller's fault (401), never a server error.
 *
 * <p>Both decoders read the issuer's discovery document and keys on first use, so a component
 * starts before its identity providers do. Both remember the tokens they have verified until each
 * one's expiry ({@link VerifiedTokens}, ADR 22): a signature check is the dearest step of a
 * request, and a caller sends the same token many times.
 */
public final class PlatformJwtDecoders {

    /** The only signature algorithms accepted. */
    public static final List<SignatureAlgorithm> ALGORITHMS =
            List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

    private PlatformJwtDecoders() {}

    /** A blocking decoder, for the servlet services. */
    public static JwtDecoder servlet(String issuer, String audience, Duration clockSkew) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withIssuerLocation(issuer)
                        .jwsAlgorithms(PlatformJwtDecoders::allowOnly)
                        .build();
        decoder.setJwtValidator(validator(issuer, audience, clockSkew));
        return remembering(decoder, VerifiedTokens.withDefaults());
    }

    /** A non-blocking decoder, for the gateway. */
    public static ReactiveJwtDecoder reactive(String issuer, String audience, Duration clockSkew) {
        NimbusReactiveJwtDecoder decoder =
                NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
                        .jwsAlgorithms(PlatformJwtDecoders::allowOnly)
                        .build();
        decoder.setJwtValidator(validator(issuer, audience, clockSkew));
        return remembering(decoder, VerifiedTokens.withDefaults());
    }

    /** A blocking decoder that verifies each distinct token once while it lasts. */
    static JwtDecoder remembering(JwtDecoder verifier, VerifiedTokens<Jwt> verified) {
        return token -> {
            Jwt known = verified.find(token);
            if (known != null) {
                return known;
            }
            Jwt jwt = verifier.decode(token);
            verified.remember(jwt);
            return jwt;
        };
    }

    /** A non-blocking decoder that verifies each distinct token once while it lasts. */
    static ReactiveJwtDecoder remembering(
            ReactiveJwtDecoder verifier, VerifiedTokens<Jwt> verified) {
        return token -> {
            Jwt known = verified.find(token);
            if (known != null) {
                return Mono.just(known);
            }
            return verifier.decode(token).doOnNext(verified::remember);
        };
    }

    /** The claim checks both decoders apply once the signature is verified. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew) {
        JwtTimestampValidator times = new JwtTimestampValidator(clockSkew);
        times.setAllowEmptyExpiryClaim(false);
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true);
        // Without a subject the caller is nobody: refused here, not found missing later.
        JwtClaimValidator<Object> subject =
                new JwtClaimValidator<>(
                        JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank());
        return new DelegatingOAuth2TokenValidator<>(
                times,
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                type,
                subject);
    }

    private static void allowOnly(Set<SignatureAlgorithm> algorithms) {
        algorithms.clear();
        algorithms.addAll(ALGORITHMS);
    }
}
