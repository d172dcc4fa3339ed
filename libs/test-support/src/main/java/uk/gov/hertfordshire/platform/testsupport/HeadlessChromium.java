package uk.gov.hertfordshire.platform.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The operating system's Chromium (Debian package {@code chromium}, which {@code .ci/run}
 * installs), run headless to load a page, run its scripts and print the resulting DOM.
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final String BANNER = "*".repeat(100);
    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);

    private HeadlessChromium() {}

    /** The browser's executable on the PATH, if there is one. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The browser; without one the test is skipped, saying so in a banner in its log and in the
     * report ("SKIPPED, NOT CHECKED"), so a page test that did not run does not pass unnoticed. In
     * CI (environment {@code CI=true}), where {@code .ci/run} installs Chromium, a missing browser
     * fails the test instead.
     *
     * @param check what the test would have checked in the browser
     */
    public static Path require(String check) {
        Optional<Path> browser = find();
        if (browser.isPresent()) {
            return browser.get();
        }
        String message =
                "SKIPPED, NOT CHECKED: "
                        + check
                        + ". Chromium is not installed (apt-get install chromium; .ci/run installs"
                        + " it).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("In CI Chromium must be installed. " + message);
        }
        log.warn("\n{}\n*** {}\n{}", BANNER, message, BANNER);
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable: abort() always throws");
    }

    /**
     * Loads the URL, lets its scripts run (up to 15 s of virtual time; network fetches pause the
     * clock) and returns the DOM as HTML.
     */
    public static String dumpDom(Path browser, String url)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Process process =
                    new ProcessBuilder(
                                    browser.toString(),
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-quic",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--disable-dev-shm-usage",
                                    "--user-data-dir=" + profile,
                                    "--virtual-time-budget=15000",
                                    "--dump-dom",
                                    url)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within 90 s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }
}
