package uk.gov.hertfordshire.platform.local;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The machine's own programs the tests lean on, asked whether they are there. */
public final class SystemCommands {

    private SystemCommands() {}

    /** Whether the command runs and exits 0 within ten seconds. */
    public static boolean canRun(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
