package uk.gov.hertfordshire.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server with three path-based issuers on one server, the persona logins, and
 * the signing keys from the data folder.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    /** The authorization-server endpoints of every issuer: discovery, JWKS, token, login flow. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(
                        server -> {
                            http.securityMatcher(server.getEndpointsMatcher());
                            server.oidc(Customizer.withDefaults());
                        })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser that is not signed in goes to the login page; API clients get 401.
                .exceptionHandling(
                        exceptions ->
                                exceptions.defaultAuthenticationEntryPointFor(
                                        new LoginUrlAuthenticationEntryPoint("/login"),
                                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** Everything else: the login page, health, metrics and the local-only endpoints. */
    @Bean
    @Order(2)
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(
                        requests ->
                                requests
                                        // /local/** is permitted in every profile so that
                                        // without the local profile it answers an honest 404
                                        // (nothing is mapped there) rather than a login
                                        // redirect that suggests something exists.
                                        .requestMatchers(
                                                "/actuator/health",
                                                "/actuator/health/**",
                                                "/actuator/info",
                                                "/actuator/prometheus",
                                                "/error",
                                                "/local/**")
                                        .permitAll()
                                        .anyRequest()
                                        .authenticated())
                .formLogin(Customizer.withDefaults())
                // CSRF tokens protect sessions; /local/** uses none, and scripts call it with curl.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/local/**"));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        // The issuer comes from the request path (/staff, /citizens, /partners); IssuerPathFilter
        // allows only those and pins scheme, host and port to platform.identity.base-url.
        return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    @Bean
    FilterRegistrationBean<IssuerPathFilter> issuerPathFilter(
            IdentityProperties properties, AuthorizationServerSettings settings) {
        FilterRegistrationBean<IssuerPathFilter> registration =
                new FilterRegistrationBean<>(new IssuerPathFilter(properties, settings));
        // Before Spring Security (order -100), whose issuer resolution must see the base URL.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    IssuerClients registeredClients(IdentityProperties properties) {
        return new IssuerClients(properties);
    }

    @Bean
    SigningKeys signingKeys(IdentityProperties properties) {
        return new SigningKeys(properties.keyDirectory());
    }

    /** What the JWKS endpoint of every issuer publishes: the active key and the retired ones. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.published();
    }

    /**
     * The one token generator, used by the token endpoint and by local minting alike, so a token
     * has the same claims however it was obtained.
     */
    @Bean
    JwtGenerator tokenGenerator(SigningKeys keys, IdentityProperties properties) {
        JwtGenerator generator = new JwtGenerator(new NimbusJwtEncoder(keys.signing()));
        generator.setJwtCustomizer(new PlatformClaims(properties));
        return generator;
    }

    /** Validates this server's own access tokens at the OIDC user-info endpoint. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        return NimbusJwtDecoder.withJwkSource(keys.published()).build();
    }

    /** The user personas, for the login page of the authorization-code flow. */
    @Bean
    UserDetailsService personaLogins(IdentityProperties properties) {
        List<UserDetails> users =
                Personas.ALL.stream()
                        .filter(persona -> !persona.isClient())
                        .map(
                                persona ->
                                        User.withUsername(persona.name())
                                                // {noop}: one published demo password for
                                                // every persona; a hash would protect nothing.
                                                .password("{noop}" + properties.personaPassword())
                                                .authorities(List.of())
                                                .build())
                        .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
