package uk.gov.hertfordshire.platform.local.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code ./platform status} reports of a {@link Cluster}: each instance's state, port, PID and
 * resident memory, and the table of them with the total.
 */
public final class ClusterStatus {

    private final Cluster cluster;
    private final ClusterPlan plan;
    private final PrintStream out;

    ClusterStatus(Cluster cluster, ClusterPlan plan, PrintStream out) {
        this.cluster = cluster;
        this.plan = plan;
        this.out = out;
    }

    /**
     * One instance's state.
     *
     * @param instance its name
     * @param component its component
     * @param replica 1-based
     * @param state healthy, starting (runs, not healthy) or down
     * @param port where it serves
     * @param pid its PID, or 0
     * @param rssKb resident memory (PostgreSQL: with its postmaster and backends' Pss)
     */
    public record Row(
            String instance,
            String component,
            int replica,
            String state,
            int port,
            long pid,
            long rssKb) {}

    /** Every instance's state. */
    public List<Row> status() {
        List<Row> rows = new ArrayList<>();
        for (Instance i : plan.instances()) {
            OptionalLong pid = cluster.pid(i);
            String state =
                    pid.isEmpty()
                            ? "down"
                            : Health.check(plan, i, pid.getAsLong()) ? "healthy" : "starting";
            if (pid.isEmpty()
                    && ClusterPlan.MONITORING_BINARIES.containsKey(i.componentName())
                    && !ClusterCommand.installedMonitoring().contains(i.componentName())) {
                state = "absent"; // its Debian package is not installed
            }
            long kb = 0;
            if (pid.isPresent()) {
                kb = Processes.rssKb(pid.getAsLong());
                if (i.componentName().equals(ClusterPlan.LOAD_BALANCER)) {
                    kb += Processes.childrenRssKb(pid.getAsLong()); // nginx's worker
                }
            }
            if (i.componentName().equals(ClusterPlan.POSTGRES)) {
                kb += postmasterPssKb();
            }
            rows.add(
                    new Row(
                            i.name(),
                            i.componentName(),
                            i.replica(),
                            state,
                            i.port(),
                            pid.orElse(0),
                            kb));
        }
        return rows;
    }

    /** Prints the status table with the total resident memory. */
    public void print() {
        if (plan.mode() == ClusterPlan.Mode.SINGLE) {
            printSingleStatus();
            return;
        }
        out.printf(
                "%-22s %-19s %7s %-9s %5s %8s %7s%n",
                "INSTANCE", "COMPONENT", "REPLICA", "STATE", "PORT", "PID", "RSS MB");
        long total = 0;
        for (Row r : status()) {
            total += r.rssKb();
            out.printf(
                    "%-22s %-19s %7d %-9s %5d %8s %7s%n",
                    r.instance(),
                    r.component(),
                    r.replica(),
                    r.state(),
                    r.port(),
                    r.pid() == 0 ? "-" : String.valueOf(r.pid()),
                    r.rssKb() == 0 ? "-" : String.valueOf(r.rssKb() / 1024));
        }
        out.printf("%-22s %-19s %7s %-9s %5s %8s %7d%n", "TOTAL", "", "", "", "", "", total / 1024);
        out.println(
                "RSS: VmRSS of each process and its children (nginx's workers); PostgreSQL adds the Pss of its postmaster and backends.");
    }

    /** The single copy's table, as ./platform has always printed it (bench scripts read it). */
    private void printSingleStatus() {
        out.printf("%-18s %-9s %5s %8s %8s%n", "COMPONENT", "STATE", "PORT", "PID", "RSS MB");
        long total = 0;
        boolean postgresDown = false;
        for (Row r : status()) {
            total += r.rssKb();
            postgresDown |= r.component().equals(ClusterPlan.POSTGRES) && r.pid() == 0;
            out.printf(
                    "%-18s %-9s %5d %8s %8s%n",
                    r.instance(),
                    r.state(),
                    r.port(),
                    r.pid() == 0 ? "-" : String.valueOf(r.pid()),
                    r.rssKb() == 0 ? "-" : String.valueOf(r.rssKb() / 1024));
        }
        out.printf("%-18s %-9s %5s %8s %8d%n", "TOTAL", "", "", "", total / 1024);
        out.println(
                "RSS: VmRSS per JVM; PostgreSQL = its supervisor JVM + the Pss of the postmaster and its backends.");
        if (postgresDown && postmasterPssKb() > 0) {
            out.println(
                    "A postmaster runs without its supervisor; ./platform up or down takes care of it.");
        }
    }

    private long postmasterPssKb() {
        try {
            Path pidFile = plan.data().resolve("postgres/postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return 0;
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            if (!first.matches("\\d+")) {
                return 0;
            }
            long pm = Long.parseLong(first);
            if (!Processes.commandLine(pm).contains(plan.data().resolve("postgres").toString())) {
                return 0;
            }
            long kb = Processes.pssKb(pm);
            for (long child : Processes.children(pm)) {
                kb += Processes.pssKb(child);
            }
            return kb;
        } catch (IOException e) {
            return 0;
        }
    }
}
