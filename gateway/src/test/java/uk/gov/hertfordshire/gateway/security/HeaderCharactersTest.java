package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The header checks decide exactly as Spring Security's firewall expressions do: for every UTF-16
 * character between printable text, and for random mixes of ASCII, controls and other Unicode.
 */
class HeaderCharactersTest {

    @Test
    void everyCharacterIsDecidedAsTheFirewallsExpressionDecidesIt() {
        int refusedValues = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "Bearer ab" + (char) c + "cd";
            boolean expected = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text);
            assertThat(HeaderCharacters.VALUES.test(text))
                    .as("value with U+%04X", c)
                    .isEqualTo(expected);
            assertThat(HeaderCharacters.NAMES.test(text))
                    .as("name with U+%04X", c)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
            refusedValues += expected ? 0 : 1;
        }
        // The comparison means something: the expression refuses controls, DEL, unassigned
        // characters and lone surrogates, and allows a tab in values only.
        assertThat(refusedValues).isGreaterThan(1_000);
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\u007Fb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\u0085b")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\rb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("caf\u00e9")).isTrue();
        // An absent header (the firewall asks about it too) is allowed, as the firewall has it.
        assertThat(HeaderCharacters.VALUES.test(null))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null))
                .isTrue();
        assertThat(HeaderCharacters.NAMES.test(null))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(null));
        assertThat(HeaderCharacters.VALUES.test("")).isTrue();
    }

    @Test
    void randomTextIsDecidedAsTheFirewallsExpressionDecidesIt() {
        Random random = new Random(15);
        char[] pool = {
            'a', 'Z', '.', '-', ' ', '\t', '\n', '\u0000', '\u007F', '\u0085', '\u00e9', '\u0378',
            '\u2028', '\ud83d', '\ude00', '~'
        };
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(pool[random.nextInt(pool.length)]);
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(HeaderCharacters.VALUES.test(text))
                    .as("value %s", text.chars().boxed().toList())
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
            assertThat(HeaderCharacters.NAMES.test(text))
                    .as("name %s", text.chars().boxed().toList())
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
        }
    }
}
