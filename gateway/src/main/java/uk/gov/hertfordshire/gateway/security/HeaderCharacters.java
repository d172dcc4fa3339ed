package uk.gov.hertfordshire.gateway.security;

import java.util.function.Predicate;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's firewall checks of header names and values, answered without a regular
 * expression where the text is printable ASCII, and by the firewall's own predicates otherwise, so
 * every decision is the firewall's.
 *
 * <p>The firewall checks a header's value each time anything reads it, with the expression {@code
 * [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, one character at a time through a chain of Unicode
 * property tests. A bearer token is about a kilobyte and is read three times per request (the token
 * converter, and the response cache's key twice): a profile of a cached page read put 23% of the
 * gateway's CPU there (docs/benchmarks/gateway.md). Every printable ASCII character (0x20 to 0x7E)
 * is assigned and is not a control character, and a tab is allowed in values by the expression
 * itself, so text made only of those passes the expression; anything else (a control character,
 * DEL, any non-ASCII character) is left to the expression.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /**
     * Header values: printable ASCII and tabs at once, the rest by the firewall's expression (which
     * allows {@code null}: the firewall asks about a header that is absent too).
     */
    static final Predicate<String> VALUES =
            value ->
                    value == null
                            || (printableAscii(value, true)
                                    || StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(
                                            value));

    /** Header names: printable ASCII at once, the rest by the firewall's expression. */
    static final Predicate<String> NAMES =
            name ->
                    name == null
                            || (printableAscii(name, false)
                                    || StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(
                                            name));

    static StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderValues(VALUES);
        firewall.setAllowedHeaderNames(NAMES);
        return firewall;
    }

    private static boolean printableAscii(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 || c > 0x7E) && !(tabAllowed && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
