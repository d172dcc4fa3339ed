package uk.gov.hertfordshire.identity;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, each belonging to one issuer. A client is found only at its own issuer,
 * so partner-nhs-herts authenticating at {@code /citizens/oauth2/token} fails client authentication
 * (401) instead of getting a token the citizen issuer vouches for.
 */
final class IssuerClients implements RegisteredClientRepository {

    /** The browser-login client of the citizen apps; locally minted citizen tokens name it. */
    static final String CITIZEN_APP = "citizen-app";

    /** The browser-login client of the staff tools; locally minted staff tokens name it. */
    static final String STAFF_TOOLS = "staff-tools";

    private record Registration(Issuer issuer, RegisteredClient client) {}

    private final IdentityProperties properties;
    private final Map<String, Registration> byClientId = new ConcurrentHashMap<>();

    IssuerClients(IdentityProperties properties) {
        this.properties = properties;
        add(Issuer.CITIZENS, loginClient(CITIZEN_APP));
        add(Issuer.STAFF, loginClient(STAFF_TOOLS));
        for (Persona persona : Personas.ALL) {
            if (persona.isClient()) {
                add(persona.issuer(), credentialsClient(persona));
            }
        }
    }

    /** The client a persona's tokens are issued to: its own for a client, else its login app. */
    RegisteredClient clientFor(Persona persona) {
        String clientId =
                persona.isClient()
                        ? persona.name()
                        : switch (persona.issuer()) {
                            case CITIZENS -> CITIZEN_APP;
                            case STAFF -> STAFF_TOOLS;
                            case PARTNERS -> persona.name();
                        };
        return byClientId.get(clientId).client();
    }

    /**
     * Replaces a known client, as Spring Security does when it upgrades a stored secret to a
     * stronger hash after a successful authentication. New clients are refused: the set is fixed by
     * {@link Personas}.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
        byClientId.compute(
                registeredClient.getClientId(),
                (clientId, existing) -> {
                    if (existing == null
                            || !existing.client().getId().equals(registeredClient.getId())) {
                        throw new UnsupportedOperationException(
                                "The local clients are fixed (see Personas): " + clientId);
                    }
                    return new Registration(existing.issuer(), registeredClient);
                });
    }

    @Override
    public RegisteredClient findById(String id) {
        return byClientId.values().stream()
                .filter(registration -> registration.client().getId().equals(id))
                .findFirst()
                .flatMap(this::ifAtCurrentIssuer)
                .orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId))
                .flatMap(this::ifAtCurrentIssuer)
                .orElse(null);
    }

    private Optional<RegisteredClient> ifAtCurrentIssuer(Registration registration) {
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        // Spring Authorization Server looks clients up only while serving an issuer's endpoint;
        // without one (a lookup of our own) the client is returned as registered.
        if (context != null
                && !properties.issuerUri(registration.issuer()).equals(context.getIssuer())) {
            return Optional.empty();
        }
        return Optional.of(registration.client());
    }

    private void add(Issuer issuer, RegisteredClient client) {
        byClientId.put(client.getClientId(), new Registration(issuer, client));
    }

    private TokenSettings tokenSettings() {
        return TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTimeToLive())
                .build();
    }

    /** A public client (no secret: it runs in a browser) using the code flow with PKCE. */
    private RegisteredClient loginClient(String clientId) {
        return RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8))
                                .toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(properties.redirectUris()))
                .scope(OidcScopes.OPENID)
                .clientSettings(
                        ClientSettings.builder()
                                .requireProofKey(true)
                                .requireAuthorizationConsent(false)
                                .build())
                .tokenSettings(tokenSettings())
                .build();
    }

    private RegisteredClient credentialsClient(Persona persona) {
        return RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(persona.name().getBytes(StandardCharsets.UTF_8))
                                .toString())
                .clientId(persona.name())
                // {noop}: a published local demo value (see Personas); Spring Security replaces it
                // with a hash after the first successful use (see save). Real partner secrets
                // live in the partner token service; the bench client exists only here.
                .clientSecret("{noop}" + persona.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokenSettings())
                .build();
    }
}
