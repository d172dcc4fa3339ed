package uk.gov.hertfordshire.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets authorization-server requests through only at the three issuers, and makes them see the
 * configured base URL as their own.
 *
 * <p>With multiple issuers allowed, Spring Authorization Server takes the issuer from the request:
 * {@code /anything/oauth2/token} would issue tokens with {@code iss=<host>/anything}, and a call
 * through {@code localhost} would get a different {@code iss} from one through {@code 127.0.0.1}.
 * So an endpoint under any other path is 404, and scheme, host and port of an issuer's endpoint
 * come from {@code platform.identity.base-url}. Runs before Spring Security.
 */
final class IssuerPathFilter extends OncePerRequestFilter {

    private static final String METADATA = "/.well-known/oauth-authorization-server";
    private static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";

    private final URI baseUrl;
    private final Set<String> issuerEndpoints = new HashSet<>();
    private final Set<String> endpoints = new HashSet<>();

    IssuerPathFilter(IdentityProperties properties, AuthorizationServerSettings settings) {
        this.baseUrl = properties.baseUrl();
        endpoints.add(METADATA);
        endpoints.add(OIDC_DISCOVERY);
        for (Map.Entry<String, Object> setting : settings.getSettings().entrySet()) {
            // The same rule Spring Authorization Server uses to find its endpoint paths.
            if (setting.getKey().endsWith("-endpoint")) {
                endpoints.add((String) setting.getValue());
            }
        }
        for (Issuer issuer : Issuer.values()) {
            String prefix = "/" + issuer.segment();
            for (String endpoint : endpoints) {
                if (!endpoint.equals(METADATA)) {
                    issuerEndpoints.add(prefix + endpoint);
                }
            }
            issuerEndpoints.add(METADATA + prefix); // RFC 8414 puts the issuer path last
        }
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (issuerEndpoints.contains(path)) {
            chain.doFilter(new AtBaseUrl(request, baseUrl), response);
        } else if (isEndpointElsewhere(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** An authorization-server endpoint at the root or under a path that is not an issuer. */
    private boolean isEndpointElsewhere(String path) {
        for (String endpoint : endpoints) {
            if (path.contains(endpoint)) {
                return true;
            }
        }
        return path.contains("/.well-known/");
    }

    /** The request as if it had been made to the base URL. */
    private static final class AtBaseUrl extends HttpServletRequestWrapper {

        private final URI baseUrl;

        AtBaseUrl(HttpServletRequest request, URI baseUrl) {
            super(request);
            this.baseUrl = baseUrl;
        }

        @Override
        public String getScheme() {
            return baseUrl.getScheme();
        }

        @Override
        public boolean isSecure() {
            return "https".equals(baseUrl.getScheme());
        }

        @Override
        public String getServerName() {
            return baseUrl.getHost();
        }

        @Override
        public int getServerPort() {
            if (baseUrl.getPort() != -1) {
                return baseUrl.getPort();
            }
            return isSecure() ? 443 : 80;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(baseUrl.toString()).append(getRequestURI());
        }
    }
}
