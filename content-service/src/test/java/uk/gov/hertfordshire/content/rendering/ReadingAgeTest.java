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
    void agreesWithTheFormulaWorkedByHandForPlainPages() {
        // Sentence 1: tell us a-bout a road sign that is dam-aged (9 words, 11 syllables; the
        // final -ed of "damaged" is silent). Sentence 2: we aim to check it with-in work-ing days
        // (8 words, 10 syllables; "10" is no word). 17 words, 2 sentences, 21 syllables:
        // 0.39 * 17 / 2 + 11.8 * 21 / 17 - 15.59 = 2.30, plus 5.
        assertThat(
                        ReadingAge.of(
                                "Tell us about a road sign that is damaged. We aim to check it"
                                        + " within 10 working days."))
                .isCloseTo(7.30, within(0.06));
        // A question mark ends a sentence too. is wa-ter com-ing in-to your home (6 words, 9
        // syllables; the e of "home" is silent), phone us on straight a-way (5 words, 6):
        // 0.39 * 11 / 2 + 11.8 * 15 / 11 - 15.59 = 2.65, plus 5.
        assertThat(
                        ReadingAge.of(
                                "Is water coming into your home? Phone us on 0300 123 4047"
                                        + " straight away."))
                .isCloseTo(7.65, within(0.06));
    }

    @Test
    void shortPlainSentencesReadYoung() {
        assertThat(ReadingAge.of("Tell us where it is. We will fix it soon.")).isLessThan(9);
        assertThat(ReadingAge.of("")).isZero();
    }
}
