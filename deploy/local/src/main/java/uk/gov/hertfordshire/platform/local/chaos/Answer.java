package uk.gov.hertfordshire.platform.local.chaos;

/**
 * One request of the load and what came back.
 *
 * @param kind what was asked
 * @param sentNanos when it was sent ({@link System#nanoTime()})
 * @param answeredNanos when the answer (or the failure) came
 * @param status the HTTP status, or {@link #NO_ANSWER} when none came (refused, reset, timed out)
 * @param caseId for an accepted case submission, the id the platform gave it; otherwise null
 */
public record Answer(Kind kind, long sentNanos, long answeredNanos, int status, String caseId) {

    /** The status recorded when no HTTP answer came at all. */
    public static final int NO_ANSWER = 0;

    /** The two kinds of request the load sends. */
    public enum Kind {
        /** {@code POST /api/cases}: a case row and its event, counted later by analytics. */
        CASE_SUBMISSION,
        /** {@code GET} of a published page through the gateway. */
        CONTENT_READ
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** An accepted case submission: a 2xx that named the case. */
    public boolean acknowledgedCase() {
        return kind == Kind.CASE_SUBMISSION && ok() && caseId != null;
    }

    public long tookNanos() {
        return answeredNanos - sentNanos;
    }
}
