package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theLongestGapIsBetweenTwoSuccessesInTheMiddle() {
        // 2xx at 1, 2, 9 and 10 s in a window from 0 to 11 s: the gap is 2 -> 9.
        long[] ok = {1 * S, 9 * S, 2 * S, 10 * S};
        assertThat(Tally.longestGap(ok, 0, 11 * S)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theWindowsEdgesCountAsGapsToo() {
        assertThat(Tally.longestGap(new long[] {8 * S, 9 * S}, 0, 10 * S))
                .as("from the start to the first 2xx")
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(Tally.longestGap(new long[] {1 * S, 2 * S}, 0, 10 * S))
                .as("from the last 2xx to the end")
                .isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void noSuccessAtAllIsOneGapTheWholeWindowLong() {
        assertThat(Tally.longestGap(new long[0], 3 * S, 10 * S)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void successesOutsideTheWindowCloseNoGapInsideIt() {
        long[] ok = {-5 * S, 5 * S, 20 * S};
        assertThat(Tally.longestGap(ok, 0, 10 * S)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void countsEachKindOfAnswerWithinItsWindowOnly() {
        List<Answer> answers =
                List.of(
                        answer(Answer.Kind.CASE_SUBMISSION, 1, 2, 201),
                        answer(Answer.Kind.CASE_SUBMISSION, 2, 3, 201),
                        answer(Answer.Kind.CASE_SUBMISSION, 3, 8, 503),
                        answer(Answer.Kind.CASE_SUBMISSION, 4, 5, 429),
                        answer(Answer.Kind.CASE_SUBMISSION, 5, 6, Answer.NO_ANSWER),
                        answer(Answer.Kind.CASE_SUBMISSION, 9, 10, 201),
                        answer(Answer.Kind.CONTENT_READ, 2, 3, 200),
                        // sent before and after the window: not this scenario's
                        answer(Answer.Kind.CASE_SUBMISSION, -1, 1, 500),
                        answer(Answer.Kind.CASE_SUBMISSION, 12, 13, 500));

        Tally cases = Tally.of(answers, Answer.Kind.CASE_SUBMISSION, 0, 11 * S);

        assertThat(cases.sent()).isEqualTo(6);
        assertThat(cases.ok()).isEqualTo(3);
        assertThat(cases.serverErrors()).isEqualTo(1);
        assertThat(cases.clientErrors()).isEqualTo(1);
        assertThat(cases.noAnswer()).isEqualTo(1);
        assertThat(cases.longestGap()).isEqualTo(Duration.ofSeconds(7));
        assertThat(cases.slowest()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Tally.of(answers, Answer.Kind.CONTENT_READ, 0, 11 * S).sent()).isEqualTo(1);
    }

    static Answer answer(Answer.Kind kind, long sentS, long answeredS, int status) {
        return new Answer(
                kind,
                sentS * S,
                answeredS * S,
                status,
                status / 100 == 2 && kind == Answer.Kind.CASE_SUBMISSION ? "id-" + sentS : null);
    }
}
