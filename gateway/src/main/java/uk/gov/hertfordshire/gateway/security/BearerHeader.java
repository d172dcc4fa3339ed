package uk.gov.hertfordshire.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's bearer token converter, with the usual header ({@code Authorization: Bearer
 * <token>}) read without its regular expression, and everything else handed to Spring's converter,
 * so every decision is Spring's.
 *
 * <p>Spring's converter matches the whole header against {@code ^Bearer
 * (?<token>[a-zA-Z0-9-._~+/]+=*)$} (case-insensitive), one character at a time through the
 * expression's machinery, and the benchmark's tokens are about a kilobyte: a profile of a kept page
 * read at 32 connections put 5.5% of the gateway's CPU there (docs/benchmarks/content.md, run H).
 * This reads a header that starts with exactly {@code "Bearer "} and goes on with one or more of
 * those characters and then only {@code '='}: the expression matches exactly that text, and its
 * token is the rest after the space. Any other header (none at all, {@code "bearer"} in another
 * case, a character outside the set, nothing after the space) goes to Spring's converter, which
 * refuses it or reads it as before. Spring's converter reads no query parameter or form field
 * unless told to, and it is not, so the header is the only place a token comes from either way.
 */
final class BearerHeader implements ServerAuthenticationConverter {

    private static final String PREFIX = "Bearer ";

    private final ServerBearerTokenAuthenticationConverter spring =
            new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String token =
                token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return token != null
                ? Mono.just(new BearerTokenAuthenticationToken(token))
                : spring.convert(exchange);
    }

    /**
     * The token of a header Spring's expression would match, or {@code null} when Spring's
     * converter should decide.
     */
    static String token(String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return null;
        }
        int i = PREFIX.length();
        int end = header.length();
        while (i < end && tokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == PREFIX.length()) {
            return null; // no token character at all
        }
        while (i < end && header.charAt(i) == '=') {
            i++;
        }
        return i == end ? header.substring(PREFIX.length()) : null;
    }

    /** {@code [a-zA-Z0-9-._~+/]}. */
    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
