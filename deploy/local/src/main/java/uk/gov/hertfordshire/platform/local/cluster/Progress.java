package uk.gov.hertfordshire.platform.local.cluster;

import java.io.PrintStream;
import java.util.List;

/**
 * Progress while waiting: on a terminal one line that updates in place (a spinner, what is awaited,
 * the seconds so far), cleared before any other line; elsewhere (a log, a CI job) one plain line
 * whenever something new is awaited.
 */
public final class Progress {

    private static final String SPINNER = "|/-\\";

    private final PrintStream out;
    private final boolean terminal;
    private int frame;
    private boolean shown;
    private List<String> lastPlain = List.of();

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** One frame: waiting for these, since {@code startedNanos}. */
    public void waitingFor(List<String> names, long startedNanos) {
        if (names.isEmpty()) {
            return;
        }
        if (!terminal) {
            if (!lastPlain.containsAll(names)) { // something new is awaited
                out.println("  waiting for: " + String.join(" ", names));
                lastPlain = List.copyOf(names);
            }
            return;
        }
        show(
                "waiting for "
                        + String.join(" ", names)
                        + " ("
                        + (System.nanoTime() - startedNanos) / 1_000_000_000L
                        + " s)");
    }

    /** One frame of a free text (terminal only). */
    public void show(String text) {
        if (!terminal) {
            return;
        }
        frame = (frame + 1) % SPINNER.length();
        out.print("\r\u001b[K  " + SPINNER.charAt(frame) + " " + text);
        out.flush();
        shown = true;
    }

    /** Clears the progress line, if one shows, so that the next line starts clean. */
    public void clear() {
        if (shown) {
            out.print("\r\u001b[K");
            out.flush();
            shown = false;
        }
    }
}
