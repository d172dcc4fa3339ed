package uk.gov.hertfordshire.platform.local.commands;

/**
 * Why a command stops: the message for standard error and the exit code. An error (exit 1 unless
 * said) is shown in red on a terminal, a warning in yellow, a plain message as it is.
 */
final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** How the message is shown. */
    enum Style {
        ERROR,
        WARNING,
        PLAIN
    }

    private final int exitCode;
    private final Style style;

    private CommandFailure(int exitCode, Style style, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.style = style;
    }

    /** An error: exit 1, in red. */
    static CommandFailure error(String message) {
        return new CommandFailure(1, Style.ERROR, message);
    }

    static CommandFailure of(int exitCode, Style style, String message) {
        return new CommandFailure(exitCode, style, message);
    }

    /** The same message and style with another exit code. */
    CommandFailure withExitCode(int code) {
        return new CommandFailure(code, style, getMessage());
    }

    int exitCode() {
        return exitCode;
    }

    Style style() {
        return style;
    }
}
