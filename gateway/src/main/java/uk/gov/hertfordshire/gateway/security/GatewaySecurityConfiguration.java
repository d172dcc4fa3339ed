package uk.gov.hertfordshire.gateway.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.errors.GatewayErrors;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.CallerPolicy;
import uk.gov.hertfordshire.platform.security.PlatformJwtDecoders;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;

/** Who may come in, and with what. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurityConfiguration {

    @Bean
    CallerPolicy callerPolicy(SecurityProperties properties) {
        return new CallerPolicy(
                properties.issuers().stream()
                        .map(i -> new TrustedIssuer(i.issuer(), i.grantableRoles()))
                        .toList());
    }

    /**
     * No observation around each security filter, authentication and authorisation: a profile put
     * about a tenth of the gateway's CPU into starting and stopping them (each with its timers and
     * a span), and no dashboard, rule or trace reader uses them. The request's own observation
     * ({@code http.server.requests}), the route's metrics and the trace passed on to the service
     * stay (docs/benchmarks/gateway.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall, as by default, with its header checks answered without a
     * regular expression for printable ASCII (HeaderCharacters: the same decisions).
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        return HeaderCharacters.firewall();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            SecurityProperties properties,
            CallerPolicy policy,
            Environment environment) {
        boolean apiDocsOn =
                environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, false);
        VerifiedCallers resolver =
                new VerifiedCallers(
                        new JwtIssuerReactiveAuthenticationManagerResolver(
                                new TrustedIssuerManagers(properties, policy)),
                        VerifiedCallers.DEFAULT_CAPACITY,
                        Clock.systemUTC());
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(cors -> cors.configurationSource(corsSource(properties)))
                .headers(
                        headers -> {
                            headers.frameOptions(
                                    f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY));
                            headers.contentSecurityPolicy(
                                    csp -> csp.policyDirectives("frame-ancestors 'none'"));
                            headers.referrerPolicy(
                                    r ->
                                            r.policy(
                                                    ReferrerPolicyServerHttpHeadersWriter
                                                            .ReferrerPolicy.NO_REFERRER));
                            if (properties.hsts()) {
                                headers.writer(
                                        exchange -> {
                                            exchange.getResponse()
                                                    .getHeaders()
                                                    .set(
                                                            "Strict-Transport-Security",
                                                            "max-age=31536000; includeSubDomains");
                                            return Mono.empty();
                                        });
                            }
                        })
                .authorizeExchange(
                        exchanges -> {
                            exchanges
                                    // The actuator answers only on the management port
                                    // (loopback): health, info and metrics; nothing else is
                                    // served there.
                                    .matchers(ManagementPort.actuator(environment))
                                    .permitAll()
                                    .matchers(ManagementPort.notActuator(environment))
                                    .denyAll()
                                    .matchers(publicPaths(apiDocsOn))
                                    .permitAll()
                                    .pathMatchers("/api/analytics/**")
                                    .hasAnyRole("ANALYST", "ADMIN")
                                    // SAP postings and reconciliation: administrators only
                                    // (sap-adapter checks again).
                                    .pathMatchers("/api/sap/**")
                                    .hasRole("ADMIN")
                                    // FHIR care referrals: the CapabilityStatement is public
                                    // (publicPaths); the rest is for partner agencies and care
                                    // staff (what each may see, care-service decides).
                                    .pathMatchers("/fhir/**")
                                    .hasAnyRole("PARTNER", "PRACTITIONER", "CARE_MANAGER", "ADMIN")
                                    .pathMatchers("/api/**")
                                    .authenticated()
                                    .anyExchange()
                                    .denyAll();
                        })
                .oauth2ResourceServer(
                        oauth ->
                                oauth.authenticationManagerResolver(resolver)
                                        // Spring's converter, without its expression for the
                                        // usual header (BearerHeader: the same decisions).
                                        .bearerTokenConverter(new BearerHeader())
                                        .authenticationEntryPoint(
                                                GatewaySecurityConfiguration::unauthorised)
                                        .accessDeniedHandler(
                                                (exchange, denied) -> forbidden(exchange)))
                .exceptionHandling(
                        handling ->
                                handling.authenticationEntryPoint(
                                                GatewaySecurityConfiguration::unauthorised)
                                        .accessDeniedHandler(
                                                (exchange, denied) -> forbidden(exchange)));
        return http.build();
    }

    private static Mono<Void> unauthorised(
            org.springframework.web.server.ServerWebExchange exchange,
            org.springframework.security.core.AuthenticationException reason) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return GatewayErrors.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "Unauthorised",
                "A valid bearer token from a trusted issuer is required.");
    }

    private static Mono<Void> forbidden(org.springframework.web.server.ServerWebExchange exchange) {
        return GatewayErrors.write(
                exchange, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.");
    }

    private static UrlBasedCorsConfigurationSource corsSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(
                List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(List.of("Location", "X-Request-Id", "Retry-After"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * One authentication manager per trusted issuer, created on first use (so the gateway starts
     * before the identity provider), with the decoder every service uses too (ADR 10).
     */
    static final class TrustedIssuerManagers
            implements org.springframework.security.authentication
                            .ReactiveAuthenticationManagerResolver<
                    String> {

        private final SecurityProperties properties;
        private final CallerPolicy policy;
        private final Map<String, ReactiveAuthenticationManager> managers =
                new ConcurrentHashMap<>();

        TrustedIssuerManagers(SecurityProperties properties, CallerPolicy policy) {
            this.properties = properties;
            this.policy = policy;
        }

        @Override
        public Mono<ReactiveAuthenticationManager> resolve(String issuer) {
            if (policy.trusted(issuer).isEmpty()) {
                return Mono.empty();
            }
            return Mono.just(managers.computeIfAbsent(issuer, this::manager));
        }

        private ReactiveAuthenticationManager manager(String issuer) {
            JwtReactiveAuthenticationManager manager =
                    new JwtReactiveAuthenticationManager(
                            PlatformJwtDecoders.reactive(
                                    issuer, properties.audience(), properties.clockSkew()));
            manager.setJwtAuthenticationConverter(this::authentication);
            return manager;
        }

        private Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
            Caller caller;
            try {
                caller = policy.caller(jwt.getClaims());
            } catch (IllegalArgumentException e) {
                // The decoder already refuses a token without a subject; this keeps any claim the
                // policy cannot read a 401 as well, never a 500.
                return Mono.error(new InvalidBearerTokenException("The token names no caller", e));
            }
            return Mono.just(
                    new CallerAuthentication(
                            jwt,
                            caller,
                            CallerPolicy.authorities(caller).stream()
                                    .map(SimpleGrantedAuthority::new)
                                    .toList()));
        }
    }

    /**
     * Everything anyone may reach without a token, as one matcher (PathRules says why not one
     * {@code pathMatchers} per rule). None of these paths is under a rule that asks for more, so
     * taking them together ahead of the others changes no decision.
     */
    static PathRules publicPaths(boolean apiDocsOn) {
        PathRules paths = new PathRules().any("/fallback/**");
        if (apiDocsOn) {
            // The Swagger UI and each service's OpenAPI document, where they are switched on
            // (the local profile only).
            paths.add(
                    HttpMethod.GET,
                    "/swagger-ui.html",
                    "/swagger-ui/**",
                    "/webjars/**",
                    "/v3/api-docs/**",
                    "/api-docs/**");
        }
        return paths
                // Published content is public; drafts need a token.
                .add(HttpMethod.GET, "/api/content/**")
                // "This answered my question" and reports of community listings on the public
                // channels: anonymous, under the anonymous rate limit; counted once per address
                // and day by content-service.
                .add(
                        HttpMethod.POST,
                        "/api/content/channels/web/items/*/feedback",
                        "/api/content/channels/digital_tv/items/*/feedback",
                        "/api/content/channels/web/items/*/report",
                        "/api/content/channels/digital_tv/items/*/report")
                // The service catalogue: citizens choose a service before they sign in;
                // case-service shows an anonymous caller only what is offered online. Changes
                // need a token (ADR 8).
                .add(HttpMethod.GET, "/api/catalogue/services", "/api/catalogue/services/*")
                // Open311: public reads; writes carry the app's api_key, which case-service
                // checks.
                .any("/open311/**")
                // The analytics dashboard page holds no figures: it fetches them with the
                // analyst's own token.
                .add(HttpMethod.GET, "/dashboard", "/dashboard/**")
                // FHIR's CapabilityStatement.
                .add(HttpMethod.GET, "/fhir/r4/metadata");
    }
}
