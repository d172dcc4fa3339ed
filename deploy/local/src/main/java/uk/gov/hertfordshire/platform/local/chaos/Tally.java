package uk.gov.hertfordshire.platform.local.chaos;

import java.time.Duration;
import java.util.List;

/**
 * What one kind of request saw during one scenario.
 *
 * @param sent requests sent in the window
 * @param ok 2xx answers
 * @param serverErrors 5xx answers
 * @param clientErrors 4xx (and any other status)
 * @param noAnswer no HTTP answer at all: refused, reset or timed out
 * @param longestGap the longest stretch of the window without a 2xx answer, counting from the
 *     window's start to the first and from the last to its end
 * @param slowest the longest any request took to be answered (or to fail)
 */
public record Tally(
        int sent,
        int ok,
        int serverErrors,
        int clientErrors,
        int noAnswer,
        Duration longestGap,
        Duration slowest) {

    /** The answers of one kind sent within [fromNanos, toNanos). */
    public static Tally of(List<Answer> answers, Answer.Kind kind, long fromNanos, long toNanos) {
        List<Answer> mine =
                answers.stream()
                        .filter(a -> a.kind() == kind)
                        .filter(a -> a.sentNanos() >= fromNanos && a.sentNanos() < toNanos)
                        .toList();
        int ok = 0;
        int serverErrors = 0;
        int clientErrors = 0;
        int noAnswer = 0;
        long slowest = 0;
        for (Answer answer : mine) {
            if (answer.ok()) {
                ok++;
            } else if (answer.status() == Answer.NO_ANSWER) {
                noAnswer++;
            } else if (answer.status() >= 500) {
                serverErrors++;
            } else {
                clientErrors++;
            }
            slowest = Math.max(slowest, answer.tookNanos());
        }
        long[] okTimes =
                mine.stream().filter(Answer::ok).mapToLong(Answer::answeredNanos).toArray();
        return new Tally(
                mine.size(),
                ok,
                serverErrors,
                clientErrors,
                noAnswer,
                longestGap(okTimes, fromNanos, toNanos),
                Duration.ofNanos(slowest));
    }

    /**
     * The longest interval in [from, to] containing none of the given instants (which need not be
     * sorted, and may lie outside the window: a 2xx answered after the window closes ends no gap
     * inside it). With no instant in the window the whole window is one gap.
     */
    static Duration longestGap(long[] okNanos, long fromNanos, long toNanos) {
        long[] inside =
                java.util.Arrays.stream(okNanos)
                        .filter(t -> t >= fromNanos && t <= toNanos)
                        .sorted()
                        .toArray();
        long longest = 0;
        long previous = fromNanos;
        for (long t : inside) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        longest = Math.max(longest, toNanos - previous);
        return Duration.ofNanos(longest);
    }
}
