package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosTableTest {

    @Test
    void oneAlignedRowPerScenarioWithTheFiguresInTheirColumns() {
        Tally cases =
                new Tally(100, 90, 6, 1, 3, Duration.ofMillis(12_340), Duration.ofMillis(4_900));
        Tally reads =
                new Tally(50, 49, 1, 0, 0, Duration.ofMillis(2_000), Duration.ofMillis(5_100));
        Reconciliation rec = Reconciliation.of(List.of("a", "b", "c"), Map.of("a", 1, "b", 2));
        Tally noReads = new Tally(0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

        String table =
                ChaosTable.render(
                        List.of(
                                new ChaosTable.Row(
                                        "SIGKILL the Kafka active controller, longer",
                                        cases,
                                        reads,
                                        rec),
                                new ChaosTable.Row("SIGKILL case-service-2", cases, noReads, rec)));
        List<String> lines = table.lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
        assertThat(cells(lines.get(0)))
                .containsExactly(
                        "scenario",
                        "sent",
                        "2xx",
                        "5xx",
                        "4xx",
                        "no ans",
                        "gap case",
                        "gap read",
                        "slowest",
                        "acked",
                        "once",
                        "lost",
                        "dup");
        assertThat(cells(lines.get(2)))
                .containsExactly(
                        "SIGKILL the Kafka active controller, longer",
                        "150",
                        "139",
                        "7",
                        "1",
                        "3",
                        "12.3 s",
                        "2.0 s",
                        "5.1 s",
                        "3",
                        "1",
                        "1",
                        "1");
        assertThat(cells(lines.get(3)))
                .as("no reads: no read gap, and the slowest is the cases'")
                .containsExactly(
                        "SIGKILL case-service-2",
                        "100",
                        "90",
                        "6",
                        "1",
                        "3",
                        "12.3 s",
                        "-",
                        "4.9 s",
                        "3",
                        "1",
                        "1",
                        "1");
    }

    private static List<String> cells(String line) {
        return java.util.Arrays.stream(line.split("\\|"))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
    }
}
