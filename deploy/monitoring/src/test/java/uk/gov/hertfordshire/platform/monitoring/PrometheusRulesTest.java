package uk.gov.hertfordshire.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.testsupport.Promtool;

/**
 * The alerting rules as Prometheus itself reads them: {@code promtool check rules} (syntax and
 * lint), {@code promtool test rules} (each alert fires on its input series and stays quiet on a
 * healthy one, tests/*.test.yml) and {@code promtool check config} on the local configuration.
 * Skipped, loudly, where promtool is not installed.
 */
class PrometheusRulesTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void theRulesAreValidAndLintClean() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        arguments.addAll(files("rules"));

        Promtool.Result result = Promtool.run(HERE, null, arguments.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertFiresOnItsInputAndStaysQuietOnAHealthyPlatform() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        arguments.addAll(files("tests"));

        Promtool.Result result = Promtool.run(HERE, null, arguments.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertHasATestThatShowsItFiringAndARunbook() throws IOException {
        String tests = Files.readString(HERE.resolve("tests/alerts.test.yml"));
        List<String> alerts =
                Files.readString(HERE.resolve("rules/alerts.yml"))
                        .lines()
                        .map(String::strip)
                        .filter(line -> line.startsWith("- alert: "))
                        .map(line -> line.substring("- alert: ".length()))
                        .toList();

        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        for (String alert : alerts) {
            assertThat(tests)
                    .as(alert + " is shown firing: a test expects it with labels")
                    .containsPattern(
                            "alertname: " + alert + "\\n\\s+exp_alerts:\\n\\s+- exp_labels");
        }
        Path runbooks = HERE.resolve("../../docs/runbooks");
        for (String runbook :
                Files.readString(HERE.resolve("rules/alerts.yml"))
                        .lines()
                        .map(String::strip)
                        .filter(line -> line.startsWith("runbook_url: "))
                        .map(line -> line.substring("runbook_url: docs/runbooks/".length()))
                        .toList()) {
            assertThat(runbooks.resolve(runbook)).as("runbook").exists();
        }
    }

    @Test
    void theLocalConfigurationIsValid() throws Exception {
        Promtool.Result result = Promtool.run(HERE, null, "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void aBrokenRuleFailsTheCheck() throws Exception {
        Path broken = Files.createTempFile("broken-rules", ".yml");
        Files.writeString(
                broken,
                """
                groups:
                  - name: broken
                    rules:
                      - alert: Unbalanced
                        expr: sum(rate(up[5m])
                """);

        Promtool.Result result = Promtool.run(HERE, null, "check", "rules", broken.toString());

        assertThat(result.exitCode())
                .as("the same check on a rule that does not parse")
                .isNotZero();
        Files.delete(broken);
    }

    private static List<String> files(String directory) throws IOException {
        try (Stream<Path> files = Files.list(HERE.resolve(directory))) {
            return files.map(p -> HERE.relativize(p).toString()).sorted().toList();
        }
    }
}
