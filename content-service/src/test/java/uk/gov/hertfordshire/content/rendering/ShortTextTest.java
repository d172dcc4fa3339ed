package uk.gov.hertfordshire.content.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortTextTest {

    static final String TITLE = "Roadworks on the A414 between Hertford and Hatfield this spring";

    @Test
    void textWithinTheLimitIsUnchanged() {
        assertThat(ShortText.fit("Report a pothole.", 60)).isEqualTo("Report a pothole.");
    }

    @Test
    void cutsAtTheLastWholeSentenceWhenOneEndsInTheSecondHalf() {
        assertThat(
                        ShortText.fit(
                                "First sentence here. Second sentence is a bit longer than this.",
                                30))
                .isEqualTo("First sentence here.");
    }

    @Test
    void otherwiseCutsAtAWordWithAnEllipsisWithinTheLimit() {
        assertThat(ShortText.fit(TITLE, 30))
                .isEqualTo("Roadworks on the A414 between…")
                .hasSize(30);
        assertThat(ShortText.fit(TITLE, 33)).isEqualTo("Roadworks on the A414 between…");
    }

    @Test
    void collapsesWhitespace() {
        assertThat(ShortText.fit("One\n\ntwo   three", 60)).isEqualTo("One two three");
    }
}
