package uk.gov.hertfordshire.cases.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/** The Idempotency-Key given to GOV.UK Pay when a payment is started. */
class FeePaymentStartTest {

    static final UUID CASE = UUID.fromString("0b6c8a52-6c3e-4f43-9d7e-3f2b1c9a8e01");
    static final UUID OTHER_CASE = UUID.fromString("7d1e0f3a-2b4c-4d5e-8f9a-0b1c2d3e4f50");

    @Test
    void theSameCallerCaseAndKeyGiveTheSameProviderKeyAndAnyChangeAnother() {
        String key = FeePaymentStart.providerKey(CASE, alice(), "k-1");

        assertThat(FeePaymentStart.providerKey(CASE, alice(), "k-1")).isEqualTo(key);
        assertThat(FeePaymentStart.providerKey(CASE, alice(), "k-2")).isNotEqualTo(key);
        assertThat(FeePaymentStart.providerKey(OTHER_CASE, alice(), "k-1")).isNotEqualTo(key);
        assertThat(FeePaymentStart.providerKey(CASE, bob(), "k-1")).isNotEqualTo(key);
        assertThat(key).hasSizeLessThanOrEqualTo(255).doesNotContain("k-1");
    }

    @Test
    void withoutACallerKeyEveryStartIsANewPayment() {
        assertThat(FeePaymentStart.providerKey(CASE, alice(), null))
                .isNotEqualTo(FeePaymentStart.providerKey(CASE, alice(), null));
    }

    private static Caller alice() {
        return caller("alice");
    }

    private static Caller bob() {
        return caller("bob");
    }

    private static Caller caller(String subject) {
        return new Caller(
                "http://127.0.0.1:9000/citizens", subject, Set.of(Role.CITIZEN), null, null, null);
    }
}
