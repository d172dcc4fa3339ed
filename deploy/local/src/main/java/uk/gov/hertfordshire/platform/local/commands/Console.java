package uk.gov.hertfordshire.platform.local.commands;

import java.io.PrintStream;

/**
 * Where a command writes: what it answers on standard output, errors and notes on standard error.
 * On a terminal (the script's {@code TTY}, whether its standard output is one) errors are red,
 * warnings yellow, and a progress line is redrawn in place; elsewhere plain lines only, so that
 * {@code TOKEN=$(./platform token officer-dan)} captures the token alone.
 */
final class Console {

    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String OFF = "\u001b[0m";
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Console(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    boolean terminal() {
        return terminal;
    }

    /** A line on standard output. */
    void info(String line) {
        out.print(line + "\n");
        out.flush();
    }

    /** Text on standard output without a line end. */
    void print(String text) {
        out.print(text);
        out.flush();
    }

    /** A line on standard error, uncoloured. */
    void note(String line) {
        err.print(line + "\n");
        err.flush();
    }

    void warn(String line) {
        note(terminal ? YELLOW + line + OFF : line);
    }

    void error(String line) {
        note(terminal ? RED + line + OFF : line);
    }

    void fail(CommandFailure failure) {
        switch (failure.style()) {
            case ERROR -> error(failure.getMessage());
            case WARNING -> warn(failure.getMessage());
            default -> note(failure.getMessage());
        }
    }

    /** Redraws the progress line in place; nothing where output is not a terminal. */
    void progress(String text) {
        if (terminal) {
            print(CLEAR_LINE + text);
        }
    }

    void clearLine() {
        if (terminal) {
            print(CLEAR_LINE);
        }
    }
}
