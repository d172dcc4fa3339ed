package uk.gov.hertfordshire.platform.support.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import uk.gov.hertfordshire.platform.security.CallerPolicy;
import uk.gov.hertfordshire.platform.security.PlatformJwtDecoders;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;

/**
 * Every servlet service is an OAuth2 resource server that checks the caller's token again (the
 * gateway is not the only check): tokens from the issuers under {@code platform.security.issuers}
 * only, for {@code platform.security.audience}, stateless, no CSRF (bearer tokens are not sent by
 * browsers on their own). Health, info and Prometheus are open (bound to loopback or a private
 * network); every other actuator endpoint, dead-letter replay included, needs ADMIN; everything
 * else needs a valid token, except what a service declares public with a {@link PublicEndpoints}
 * bean. A service adds its own rules with {@code @PreAuthorize} on the controller methods (method
 * security is on) and gets the caller as a {@code Caller} parameter.
 */
// Before Spring Boot's own security auto-configuration, which backs off once this chain exists.
@AutoConfiguration(
        before = {
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class ServiceSecurityAutoConfiguration {

    private static final Logger log =
            LoggerFactory.getLogger(ServiceSecurityAutoConfiguration.class);

    @Bean
    CallerPolicy callerPolicy(PlatformSecurityProperties properties) {
        List<TrustedIssuer> trusted = properties.trustedIssuers();
        if (trusted.isEmpty()) {
            throw new IllegalStateException(
                    "platform.security.issuers is empty: this service would accept no token");
        }
        for (TrustedIssuer issuer : trusted) {
            log.info(
                    "Trusting tokens for audience {} from {} granting {}",
                    properties.audience(),
                    issuer.issuer(),
                    issuer.grantableRoles());
        }
        return new CallerPolicy(trusted);
    }

    /**
     * No Micrometer observation around each security filter, authentication or authorization
     * decision: nothing reads them (no dashboard, alert or SLO), and wrapping the fifteen filters
     * of every request in observations cost a case submission a sixth of case-service's CPU
     * (docs/benchmarks/case-submission.md). The request itself is still observed ({@code
     * http.server.requests}: metrics, trace), and refusals still answer and log as before. ADR 24.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManagerResolver<HttpServletRequest> platformAuthenticationManagerResolver(
            PlatformSecurityProperties properties, CallerPolicy policy) {
        return new JwtIssuerAuthenticationManagerResolver(
                new TrustedIssuerAuthenticationManagers(
                        properties.trustedIssuers(),
                        issuer ->
                                PlatformJwtDecoders.servlet(
                                        issuer, properties.audience(), properties.clockSkew()),
                        new CallerConverter(policy)));
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http,
            AuthenticationManagerResolver<HttpServletRequest> platformAuthenticationManagerResolver,
            ObjectProvider<PublicEndpoints> publicEndpoints)
            throws Exception {
        List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
        for (PublicEndpoints endpoints : open) {
            log.info("Open without a token: {} {}", endpoints.method(), endpoints.patterns());
        }
        SecurityProblems problems = new SecurityProblems();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        requests -> {
                            requests
                                    // Error pages render what an earlier dispatch decided.
                                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                                    .permitAll()
                                    .requestMatchers(
                                            EndpointRequest.to("health", "info", "prometheus"))
                                    .permitAll()
                                    .requestMatchers(EndpointRequest.toAnyEndpoint())
                                    .hasRole("ADMIN");
                            // After the actuator rules, so no service can open an operator
                            // endpoint by listing it.
                            for (PublicEndpoints endpoints : open) {
                                requests.requestMatchers(
                                                endpoints.method(),
                                                endpoints.patterns().toArray(String[]::new))
                                        .permitAll();
                            }
                            requests.anyRequest().authenticated();
                        })
                .oauth2ResourceServer(
                        resourceServer ->
                                resourceServer
                                        .authenticationManagerResolver(
                                                platformAuthenticationManagerResolver)
                                        .authenticationEntryPoint(problems)
                                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(problems)
                                        .accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
