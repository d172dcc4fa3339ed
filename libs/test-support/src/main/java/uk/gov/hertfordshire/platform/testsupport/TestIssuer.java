package uk.gov.hertfordshire.platform.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the platform's identity providers: one HTTP server on a random loopback port
 * that is three OIDC issuers, path-based like the local identity provider and Entra ID tenants
 * ({@code /staff}, {@code /citizens}, {@code /partners}). Each publishes what a resource server
 * asks of an issuer — {@code {issuer}/.well-known/openid-configuration} and a JWKS with one RSA key
 * of its own — and the test mints tokens in-process with {@link #token}. The authorization and
 * token endpoints the discovery document names are not served: tests never log in.
 *
 * <p>Tokens carry the claims docs/architecture.md fixes ({@code iss}, {@code sub}, {@code aud},
 * {@code roles}, {@code staff_id}, {@code agency_id}, {@code azp}), RS256-signed with the issuer's
 * key. A {@link Flaw} makes a token that differs from the valid one in exactly one property, for
 * the tests that show each is refused.
 *
 * <p>{@link #shared()} is the instance {@link PlatformInfrastructureInitializer} points every
 * {@code @PlatformIntegrationTest} at (see {@link #trustProperties()}).
 */
public final class TestIssuer implements AutoCloseable {

    public static final String STAFF = "staff";
    public static final String CITIZENS = "citizens";
    public static final String PARTNERS = "partners";

    /** The audience every platform token is for; what services accept by default. */
    public static final String AUDIENCE = "hertfordshire-platform";

    /** Roles each issuer may grant, as the platform's defaults have them. */
    public static final Map<String, List<String>> GRANTABLE_ROLES = grantableRoles();

    /**
     * Tokens are minted as if issued a while ago, so an expired one can differ from a valid one in
     * its expiry alone and still expire after it was issued (a token that expires before its issue
     * time is refused as malformed, which would hide whether expiry is checked at all).
     */
    static final Duration ISSUED_AGO = Duration.ofMinutes(5);

    static final Duration LIFETIME = Duration.ofMinutes(15);

    /** Well outside any sensible clock skew (services allow 30 seconds). */
    static final Duration WELL_PAST = Duration.ofMinutes(2);

    private static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final String JWKS = "/oauth2/jwks";

    private static volatile TestIssuer shared;

    private final HttpServer server;
    private final String baseUrl;
    private final Map<String, RSAKey> keys = new LinkedHashMap<>();
    private final Map<String, RSAKey> impostorKeys = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private TestIssuer(List<String> issuerNames) {
        for (String name : issuerNames) {
            RSAKey key = newKey(name + "-" + UUID.randomUUID());
            keys.put(name, key);
            // Same key id, other key material: what a forger who read the JWKS would send.
            impostorKeys.put(name, newKey(key.getKeyID()));
        }
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test identity provider", e);
        }
        server.createContext("/", this::handle);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new test identity provider with the staff, citizen and partner issuers. */
    public static TestIssuer start() {
        return new TestIssuer(List.copyOf(GRANTABLE_ROLES.keySet()));
    }

    /** The instance for this JVM, started on first use and stopped when the JVM exits. */
    public static TestIssuer shared() {
        TestIssuer current = shared;
        if (current == null) {
            synchronized (TestIssuer.class) {
                current = shared;
                if (current == null) {
                    current = start();
                    Runtime.getRuntime()
                            .addShutdownHook(new Thread(current::close, "test-issuer-stop"));
                    shared = current;
                }
            }
        }
        return current;
    }

    /** The issuer URL ({@code iss}) of one of the issuers, e.g. {@code issuer(STAFF)}. */
    public String issuer(String name) {
        if (!keys.containsKey(name)) {
            throw new IllegalArgumentException(
                    "No issuer " + name + "; there are " + keys.keySet());
        }
        return baseUrl + "/" + name;
    }

    /** An issuer URL on this server that no service is told to trust. */
    public String untrustedIssuer() {
        return baseUrl + "/foreign";
    }

    /**
     * The properties that make a service trust this identity provider, as the service-support
     * library binds them: {@code platform.security.issuers[i].issuer}, {@code ...grantable-roles}
     * and {@code platform.security.audience}.
     */
    public Map<String, Object> trustProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, List<String>> entry : GRANTABLE_ROLES.entrySet()) {
            String prefix = "platform.security.issuers[" + index++ + "].";
            properties.put(prefix + "issuer", issuer(entry.getKey()));
            properties.put(prefix + "grantable-roles", String.join(",", entry.getValue()));
        }
        properties.put("platform.security.audience", AUDIENCE);
        return properties;
    }

    /** A token from the named issuer for the subject, with no roles yet. */
    public TokenBuilder token(String issuerName, String subject) {
        issuer(issuerName);
        return new TokenBuilder(this, issuerName, subject);
    }

    /** A staff token (the council's directory) with these roles. */
    public TokenBuilder staff(String subject, String... roles) {
        return token(STAFF, subject).roles(roles);
    }

    /** A citizen token with the CITIZEN role. */
    public TokenBuilder citizen(String subject) {
        return token(CITIZENS, subject).roles("CITIZEN");
    }

    /**
     * A partner agency's client-credentials token: the subject and {@code azp} are the client id,
     * and it carries the PARTNER role and the agency's {@code agency_id}.
     */
    public TokenBuilder partner(String clientId, String agencyId) {
        return token(PARTNERS, clientId).roles("PARTNER").agencyId(agencyId).clientId(clientId);
    }

    /** How many requests this server answered for the path, e.g. a JWKS. */
    public int requestsTo(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            for (Map.Entry<String, RSAKey> entry : keys.entrySet()) {
                String issuer = issuer(entry.getKey());
                String prefix = "/" + entry.getKey();
                if (path.equals(prefix + DISCOVERY)) {
                    send(exchange, JSONObjectUtils.toJSONString(discovery(issuer)));
                    return;
                }
                if (path.equals(prefix + JWKS)) {
                    send(exchange, new JWKSet(entry.getValue().toPublicJWK()).toString());
                    return;
                }
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private static Map<String, Object> discovery(String issuer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/oauth2/authorize");
        document.put("token_endpoint", issuer + "/oauth2/token");
        document.put("jwks_uri", issuer + JWKS);
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        return document;
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(keyId)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
    }

    private static Map<String, List<String>> grantableRoles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(
                STAFF,
                List.of(
                        "AGENT",
                        "OFFICER",
                        "EDITOR",
                        "PUBLISHER",
                        "PRACTITIONER",
                        "CARE_MANAGER",
                        "ANALYST",
                        "ADMIN"));
        roles.put(CITIZENS, List.of("CITIZEN"));
        roles.put(PARTNERS, List.of("PARTNER"));
        return Collections.unmodifiableMap(roles);
    }

    /**
     * One way a token can be wrong. Each changes exactly one property of an otherwise valid token,
     * so a test that sees it refused knows which check refused it.
     */
    public enum Flaw {
        /** {@code exp} two minutes ago (after it was issued). */
        EXPIRED,
        /** {@code nbf} five minutes from now. */
        NOT_YET_VALID,
        /** Signed with a key the issuer's JWKS does not hold (under the same key id). */
        UNKNOWN_KEY,
        /** {@code alg: none}: the same claims, no signature. */
        UNSIGNED,
        /** HS256 with the issuer's public key as the HMAC secret (algorithm confusion). */
        SYMMETRIC_WITH_PUBLIC_KEY,
        /** {@code iss} an issuer no service trusts (same key, same claims otherwise). */
        UNTRUSTED_ISSUER,
        /** {@code aud} another service's audience. */
        WRONG_AUDIENCE,
        /** No {@code exp} at all: a token that would never expire. */
        NO_EXPIRY,
        /** No {@code sub}: signed and otherwise valid, but naming nobody. */
        NO_SUBJECT
    }

    /**
     * Builds one token. Immutable: every method returns a new builder, so a test can derive a
     * flawed token from the valid one it also sends.
     */
    public static final class TokenBuilder {

        private final TestIssuer owner;
        private final String issuerName;
        private final String subject;
        private final List<String> roles;
        private final Map<String, Object> claims;
        private final String issuerOverride;
        private final Flaw flaw;

        private TokenBuilder(TestIssuer owner, String issuerName, String subject) {
            this(owner, issuerName, subject, List.of(), Map.of(), null, null);
        }

        private TokenBuilder(
                TestIssuer owner,
                String issuerName,
                String subject,
                List<String> roles,
                Map<String, Object> claims,
                String issuerOverride,
                Flaw flaw) {
            this.owner = owner;
            this.issuerName = issuerName;
            this.subject = Objects.requireNonNull(subject, "subject");
            this.roles = List.copyOf(roles);
            this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
            this.issuerOverride = issuerOverride;
            this.flaw = flaw;
        }

        /** The {@code roles} claim, exactly these (an issuer may still grant fewer). */
        public TokenBuilder roles(String... names) {
            return new TokenBuilder(
                    owner, issuerName, subject, List.of(names), claims, issuerOverride, flaw);
        }

        /** Any other claim, or a replacement for a standard one. */
        public TokenBuilder claim(String name, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(claims);
            more.put(name, value);
            return new TokenBuilder(owner, issuerName, subject, roles, more, issuerOverride, flaw);
        }

        public TokenBuilder staffId(String staffId) {
            return claim("staff_id", staffId);
        }

        public TokenBuilder agencyId(String agencyId) {
            return claim("agency_id", agencyId);
        }

        public TokenBuilder clientId(String clientId) {
            return claim("azp", clientId);
        }

        /**
         * Claims to come from another issuer URL (say, one a test configured a service to trust but
         * that does not answer), still signed with this issuer's key.
         */
        public TokenBuilder issuedAs(String issuerUrl) {
            return new TokenBuilder(owner, issuerName, subject, roles, claims, issuerUrl, flaw);
        }

        /** The same token with one flaw. */
        public TokenBuilder with(Flaw wrong) {
            return new TokenBuilder(
                    owner, issuerName, subject, roles, claims, issuerOverride, wrong);
        }

        public TokenBuilder expired() {
            return with(Flaw.EXPIRED);
        }

        public TokenBuilder notYetValid() {
            return with(Flaw.NOT_YET_VALID);
        }

        public TokenBuilder signedWithUnknownKey() {
            return with(Flaw.UNKNOWN_KEY);
        }

        public TokenBuilder unsigned() {
            return with(Flaw.UNSIGNED);
        }

        public TokenBuilder fromUntrustedIssuer() {
            return with(Flaw.UNTRUSTED_ISSUER);
        }

        public TokenBuilder forAnotherAudience() {
            return with(Flaw.WRONG_AUDIENCE);
        }

        /** The compact serialisation ({@code header.payload.signature}). */
        public String encode() {
            Instant now = Instant.now();
            Instant issued = now.minus(ISSUED_AGO);
            String iss = issuerOverride != null ? issuerOverride : owner.issuer(issuerName);
            Instant expiry = issued.plus(LIFETIME);
            Instant notBefore = issued;
            String audience = AUDIENCE;
            if (flaw != null) {
                switch (flaw) {
                    case EXPIRED -> expiry = now.minus(WELL_PAST);
                    case NOT_YET_VALID -> notBefore = now.plus(Duration.ofMinutes(5));
                    case UNTRUSTED_ISSUER -> iss = owner.untrustedIssuer();
                    case WRONG_AUDIENCE -> audience = "another-service";
                    default -> {
                        // The remaining flaws are in the signature, below.
                    }
                }
            }
            JWTClaimsSet.Builder set =
                    new JWTClaimsSet.Builder()
                            .issuer(iss)
                            .subject(flaw == Flaw.NO_SUBJECT ? null : subject)
                            .audience(List.of(audience))
                            .issueTime(Date.from(issued))
                            .notBeforeTime(Date.from(notBefore))
                            .expirationTime(flaw == Flaw.NO_EXPIRY ? null : Date.from(expiry))
                            .jwtID(UUID.randomUUID().toString())
                            .claim("roles", new ArrayList<>(roles));
            claims.forEach(set::claim);
            return sign(set.build());
        }

        /** The value of an {@code Authorization} header carrying the token. */
        public String bearer() {
            return "Bearer " + encode();
        }

        private String sign(JWTClaimsSet claimSet) {
            RSAKey key = owner.keys.get(issuerName);
            try {
                if (flaw == Flaw.UNSIGNED) {
                    return new PlainJWT(
                                    new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
                                    claimSet)
                            .serialize();
                }
                if (flaw == Flaw.SYMMETRIC_WITH_PUBLIC_KEY) {
                    SignedJWT jwt =
                            new SignedJWT(
                                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                                            .keyID(key.getKeyID())
                                            .type(JOSEObjectType.JWT)
                                            .build(),
                                    claimSet);
                    jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
                    return jwt.serialize();
                }
                RSAKey signing =
                        flaw == Flaw.UNKNOWN_KEY ? owner.impostorKeys.get(issuerName) : key;
                SignedJWT jwt =
                        new SignedJWT(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(signing.getKeyID())
                                        .type(JOSEObjectType.JWT)
                                        .build(),
                                claimSet);
                jwt.sign(new RSASSASigner(signing));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException("Could not sign a test token", e);
            }
        }
    }
}
