package uk.gov.hertfordshire.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens for any persona without a browser, for {@code ./platform token}, scripts and end-to-end
 * tests; and key rotation on demand.
 *
 * <p>Exists only in the {@code local} profile: it hands anyone who can reach it a token for any
 * persona, ADMIN included, which is acceptable only on a developer's loopback interface. The tokens
 * come from the same generator and claim rules as the token endpoint's.
 */
@RestController
@RequestMapping("/local")
@Profile("local")
class LocalTokenController {

    private static final Logger log = LoggerFactory.getLogger(LocalTokenController.class);

    private final JwtGenerator generator;
    private final IssuerClients clients;
    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final AuthorizationServerSettings settings;

    LocalTokenController(
            JwtGenerator generator,
            IssuerClients clients,
            SigningKeys keys,
            IdentityProperties properties,
            AuthorizationServerSettings settings) {
        this.generator = generator;
        this.clients = clients;
        this.keys = keys;
        this.properties = properties;
        this.settings = settings;
        log.warn(
                "Local profile: POST /local/tokens/<persona> mints a token for any persona"
                        + " without a password. Never run this outside a developer machine.");
    }

    /** An access token for the persona, as its issuer would issue it. */
    @PostMapping("/tokens/{persona}")
    ResponseEntity<?> mint(@PathVariable("persona") String name) {
        Persona persona = Personas.named(name).orElse(null);
        if (persona == null) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "No persona named "
                                    + name
                                    + ". Personas: "
                                    + String.join(", ", Personas.names()));
            problem.setTitle("Unknown persona");
            problem.setProperty("personas", Personas.names());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        Jwt jwt = generator.generate(tokenContext(persona));
        long expiresIn = Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt()).toSeconds();
        return ResponseEntity.ok(new TokenResponse(jwt.getTokenValue(), "Bearer", expiresIn));
    }

    /** The personas, for scripts that list them. */
    @GetMapping("/personas")
    List<PersonaView> personas() {
        return Personas.ALL.stream()
                .map(
                        persona ->
                                new PersonaView(
                                        persona.name(),
                                        properties.issuerUri(persona.issuer()),
                                        persona.roles(),
                                        persona.staffId(),
                                        persona.agencyId()))
                .toList();
    }

    /** A new signing key; the previous ones stay published so issued tokens keep validating. */
    @PostMapping("/keys/rotate")
    KeyRotation rotate() {
        String active = keys.rotate().getKeyID();
        return new KeyRotation(active, keys.keyIds());
    }

    private DefaultOAuth2TokenContext tokenContext(Persona persona) {
        RegisteredClient client = clients.clientFor(persona);
        Authentication principal;
        AuthorizationGrantType grant;
        if (persona.isClient()) {
            // Exactly what the token endpoint has after client_secret_basic authentication.
            principal =
                    new OAuth2ClientAuthenticationToken(
                            client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
            grant = AuthorizationGrantType.CLIENT_CREDENTIALS;
        } else {
            // As if the persona had signed in through the client's authorization-code flow.
            principal =
                    UsernamePasswordAuthenticationToken.authenticated(
                            persona.name(), null, List.of());
            grant = AuthorizationGrantType.AUTHORIZATION_CODE;
        }
        return DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(principal)
                .authorizationServerContext(
                        new FixedIssuer(properties.issuerUri(persona.issuer()), settings))
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(grant)
                .authorizedScopes(Set.of())
                .build();
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PersonaView(
            String name,
            String issuer,
            List<String> roles,
            @JsonProperty("staff_id") String staffId,
            @JsonProperty("agency_id") String agencyId) {}

    record KeyRotation(
            @JsonProperty("active_kid") String activeKid,
            @JsonProperty("published_kids") List<String> publishedKids) {}

    /** The issuer a request to its endpoints would have resolved. */
    private record FixedIssuer(String issuer, AuthorizationServerSettings settings)
            implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return issuer;
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return settings;
        }
    }
}
