package uk.gov.hertfordshire.content.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReadingAgeTest {

    @Test
    void countsSyllablesByVowelGroupsLessASilentE() {
        assertThat(ReadingAge.syllables("cat")).isEqualTo(1);
        assertThat(ReadingAge.syllables("made")).isEqualTo(1);
        assertThat(ReadingAge.syllables("happy")).isEqualTo(2);
        assertThat(ReadingAge.syllables("simple")).isEqualTo(2);
        assertThat(ReadingAge.syllables("immediately")).isEqualTo(5);
    }

    @Test
    void isTheFleschKincaidGradePlusFive() {
        // 10 words, 1 sentence, 28 syllables (re-si-dents re-qui-ring ad-di-tion-al as-sis-tance
        // should con-tact their lo-cal au-tho-ri-ty im-me-di-ate-ly):
        // 0.39 * 10 + 11.8 * 2.8 - 15.59 = 21.35, plus 5.
        String hard =
                "Residents requiring additional assistance should contact their local authority"
                        + " immediately.";
        assertThat(ReadingAge.of(hard)).isCloseTo(26.35, within(0.06));
    }

    @Test
    void shortPlainSentencesReadYoung() {
        assertThat(ReadingAge.of("Tell us where it is. We will fix it soon.")).isLessThan(9);
        assertThat(ReadingAge.of("")).isZero();
    }
}
