package uk.gov.hertfordshire.platform.local.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What Linux's /proc says about a process, and signals: the launcher's view of its instances. */
public final class Processes {

    private Processes() {}

    /**
     * Whether the process lives (not a zombie) and is the instance: its command line has the marker
     * as one of its words, or the marker is its executable. A recycled PID is not ours.
     */
    static boolean runningAndOurs(long pid, String marker) {
        if (exited(pid)) {
            return false;
        }
        String commandLine = commandLine(pid);
        if (Arrays.asList(commandLine.split("[\\s]+")).contains(marker)) {
            return true;
        }
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"))
                    .toString()
                    .equals(marker);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The command line with its NUL separators as spaces ("" once the process is gone). */
    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Gone from /proc, or a zombie (dead, not yet reaped) with no thread left. A process's first
     * thread shows as a zombie as soon as it has gone, while the process's other threads may still
     * be running or tearing it down (a JVM exits from another thread): its files, its listening
     * sockets among them, stay open until the last thread has gone, so the next start on its port
     * would find the port taken.
     */
    public static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String after = stat.substring(stat.lastIndexOf(')') + 2);
            if (after.charAt(0) != 'Z') {
                return false;
            }
            try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
                return threads.count() <= 1; // only the zombie itself
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new ClusterException("could not signal " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every process has exited; false on time-out. */
    static boolean waitGone(List<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (pids.stream().allMatch(Processes::exited)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Cluster.pause(Duration.ofMillis(200));
        }
    }

    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Proportional set size: shared pages divided among the processes sharing them. */
    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return rssKb(pid);
        }
        return rssKb(pid);
    }

    static long childrenRssKb(long pid) {
        return children(pid).stream().mapToLong(Processes::rssKb).sum();
    }

    static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> children.add(c.pid())));
        return children;
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
