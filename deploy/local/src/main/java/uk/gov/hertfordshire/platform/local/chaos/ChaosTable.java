package uk.gov.hertfordshire.platform.local.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The printed result: one row per scenario, monospace, Markdown-compatible. */
public final class ChaosTable {

    /** One scenario's figures. */
    public record Row(String scenario, Tally cases, Tally reads, Reconciliation reconciliation) {}

    /** The figures' columns; the scenario's column is as wide as its longest name. */
    private static final String FIGURES =
            " | %6s | %6s | %5s | %5s | %6s | %8s | %8s | %7s | %6s | %6s | %4s | %4s |%n";

    private ChaosTable() {}

    public static String render(List<Row> rows) {
        int width =
                Math.max(
                        "scenario".length(),
                        rows.stream().mapToInt(r -> r.scenario().length()).max().orElse(0));
        String format = "| %-" + width + "s" + FIGURES;
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        format,
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
                        "dup"));
        out.append(
                String.format(
                        Locale.ROOT,
                        format,
                        "-".repeat(width),
                        "-----:",
                        "-----:",
                        "----:",
                        "----:",
                        "-----:",
                        "-------:",
                        "-------:",
                        "------:",
                        "-----:",
                        "-----:",
                        "---:",
                        "---:"));
        for (Row row : rows) {
            Tally c = row.cases();
            Tally r = row.reads();
            Reconciliation rec = row.reconciliation();
            out.append(
                    String.format(
                            Locale.ROOT,
                            format,
                            row.scenario(),
                            c.sent() + r.sent(),
                            c.ok() + r.ok(),
                            c.serverErrors() + r.serverErrors(),
                            c.clientErrors() + r.clientErrors(),
                            c.noAnswer() + r.noAnswer(),
                            seconds(c.longestGap()),
                            r.sent() == 0 ? "-" : seconds(r.longestGap()),
                            seconds(
                                    c.slowest().compareTo(r.slowest()) >= 0
                                            ? c.slowest()
                                            : r.slowest()),
                            rec.acknowledged(),
                            rec.countedOnce(),
                            rec.lost().size(),
                            rec.duplicated().size()));
        }
        return out.toString();
    }

    /** A duration as seconds with one decimal and an "s", e.g. "12.3 s". */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
