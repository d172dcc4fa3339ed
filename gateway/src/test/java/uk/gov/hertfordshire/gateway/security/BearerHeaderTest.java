package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

/**
 * The bearer header is read exactly as Spring Security's converter reads it: the same token, the
 * same "no token", the same refusal, for the usual header, its edge cases and random mixes of the
 * token's characters with others.
 */
class BearerHeaderTest {

    private static final ServerAuthenticationConverter SPRING =
            new ServerBearerTokenAuthenticationConverter();
    private static final ServerAuthenticationConverter OURS = new BearerHeader();

    @Test
    void theUsualHeaderGivesSpringsTokenWithoutSpringsConverter() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_~+/==";
        assertThat(BearerHeader.token("Bearer " + token)).isEqualTo(token);
        assertThat(outcome(OURS, "Bearer " + token))
                .isEqualTo(outcome(SPRING, "Bearer " + token))
                .isEqualTo("token " + token);
    }

    @Test
    void headersOffTheFastPathAreSpringsToDecide() {
        // Each of these is handed on (token() is null), and Spring's converter decides: a refusal
        // (401 through the chain), no token (anonymous), or a token in another spelling.
        List<String> cases =
                List.of(
                        "Bearer ",
                        "Bearer ===",
                        "Bearer abc def",
                        "Bearer abc=def",
                        "Bearer abc\n",
                        "Bearer  abc",
                        "Bearer ab\u00e9c",
                        "bearer abc",
                        "BEARER abc",
                        "Bearerabc",
                        "Basic dXNlcjpwYXNz",
                        "Token abc");
        List<String> outcomes = new ArrayList<>();
        for (String header : cases) {
            assertThat(BearerHeader.token(header)).as(header).isNull();
            String spring = outcome(SPRING, header);
            assertThat(outcome(OURS, header)).as(header).isEqualTo(spring);
            outcomes.add(spring);
        }
        // The comparison means something: Spring refuses some, reads some, ignores some.
        assertThat(outcomes).contains("refused Bearer token is malformed", "token abc", "none");
        assertThat(outcome(OURS, null)).isEqualTo(outcome(SPRING, null)).isEqualTo("none");
    }

    @Test
    void randomHeadersAreDecidedAsSpringDecidesThem() {
        Random random = new Random(41);
        String[] starts = {"Bearer ", "bearer ", "Bearer", "Bearer  ", "Basic ", ""};
        char[] pool = {
            'a', 'Z', '0', '9', '-', '.', '_', '~', '+', '/', '=', ' ', '\t', '%', '\u00e9', ','
        };
        int tokens = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(10);
            for (int j = 0; j < length; j++) {
                // Mostly token characters, so that many headers are tokens and the fast path
                // is exercised, not only its hand-over.
                header.append(
                        random.nextInt(4) == 0
                                ? pool[random.nextInt(pool.length)]
                                : pool[random.nextInt(10)]);
            }
            String text = header.toString();
            String spring = outcome(SPRING, text);
            assertThat(outcome(OURS, text)).as("[%s]", text).isEqualTo(spring);
            tokens += spring.startsWith("token ") ? 1 : 0;
            refused += spring.startsWith("refused ") ? 1 : 0;
        }
        assertThat(tokens).isGreaterThan(3_000);
        assertThat(refused).isGreaterThan(1_000);
    }

    /** What a converter makes of a request with this Authorization header (or none). */
    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/content/x");
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            Authentication authentication =
                    Mono.defer(() -> converter.convert(MockServerWebExchange.from(request)))
                            .block();
            if (authentication == null) {
                return "none";
            }
            return "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException refused) {
            return "refused " + refused.getError().getDescription();
        }
    }
}
