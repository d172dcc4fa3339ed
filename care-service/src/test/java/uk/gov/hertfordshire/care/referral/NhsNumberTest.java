package uk.gov.hertfordshire.care.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Check digits worked by hand: weights 10..2 over the first nine digits, 11 minus mod 11. */
class NhsNumberTest {

    @Test
    void acceptsAValidNumberAndRefusesTheSameWithAnotherCheckDigit() {
        // 9 4 3 4 7 6 5 9 1: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11-2 = 9.
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
    }

    @Test
    void acceptsTheSpacesPeopleWriteAndKeepsDigitsOnly() {
        assertThat(new NhsNumber("943 476 5919").value()).isEqualTo("9434765919");
        assertThat(new NhsNumber("943-476-5919").value()).isEqualTo("9434765919");
    }

    @Test
    void aRemainderOfOneMeansNoCheckDigitCanBeValid() {
        // 1 2 3 4 5 6 7 8 9: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1; 11-1 = 10: none.
        for (int digit = 0; digit <= 9; digit++) {
            assertThat(NhsNumber.isValid("123456789" + digit)).isFalse();
        }
    }

    @Test
    void anElevenBecomesZero() {
        // 1 0 0 0 0 0 0 0 6: 10+12 = 22; 22 mod 11 = 0; 11-0 = 11, which is written 0.
        assertThat(NhsNumber.isValid("1000000060")).isTrue();
        assertThat(NhsNumber.isValid("1000000061")).isFalse();
        // 4 0 1 0 2 3 2 1 3: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; 11-4 = 7.
        assertThat(NhsNumber.isValid("4010232137")).isTrue();
    }

    @Test
    void refusesWhatIsNotTenDigits() {
        assertThatThrownBy(() -> new NhsNumber("94347659")).hasMessageContaining("ten digits");
        assertThatThrownBy(() -> new NhsNumber("943476591X")).hasMessageContaining("ten digits");
    }

    @Test
    void neverPrintsTheNumber() {
        assertThat(new NhsNumber("9434765919").toString()).doesNotContain("9434765919");
    }
}
