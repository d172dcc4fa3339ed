package uk.gov.hertfordshire.platform.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import uk.gov.hertfordshire.platform.local.cluster.ClusterException;
import uk.gov.hertfordshire.platform.local.cluster.ClusterPlan;
import uk.gov.hertfordshire.platform.local.cluster.Instance;
import uk.gov.hertfordshire.platform.local.cluster.Progress;
import uk.gov.hertfordshire.platform.topology.Component.Kind;

/**
 * Builds what a plan runs when a jar is missing ({@code ./mvnw -q -B -DskipTests package}, output
 * into {@code logs/build.log}); jars that exist are not rebuilt unless asked ({@code up --build}).
 * The launcher's own jar is the script's business: it has to exist for this class to run.
 */
final class Build {

    private Build() {}

    /** The runnable jars of the plan's applications (services and local stand-ins). */
    static List<Path> jars(ClusterPlan plan) {
        List<Path> jars = new ArrayList<>();
        for (Instance i : plan.instances()) {
            Kind kind = i.component().kind();
            boolean application = kind == Kind.SERVICE || kind == Kind.LOCAL;
            if (application && !i.componentName().equals("load-balancer")) {
                Path jar = plan.jar(i.componentName());
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            }
        }
        return jars;
    }

    /**
     * Builds when one of the jars is missing, or always with {@code force}.
     *
     * @throws ClusterException when the build fails (the end of its log printed)
     */
    static void ensure(
            Path root,
            Path logs,
            List<Path> jars,
            boolean force,
            boolean launcherOnly,
            PrintStream out,
            boolean terminal) {
        List<String> missing =
                jars.stream()
                        .filter(jar -> !Files.isRegularFile(jar))
                        .map(jar -> jar.getFileName().toString())
                        .toList();
        if (missing.isEmpty() && !force) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString()));
        command.addAll(List.of("-q", "-B", "-DskipTests"));
        if (launcherOnly) {
            command.addAll(List.of("-pl", "deploy/local", "-am"));
        }
        command.add("package");
        Path log = logs.resolve("build.log");
        out.println(
                "Building"
                        + (missing.isEmpty() ? "" : " (missing: " + String.join(" ", missing) + ")")
                        + ": ./mvnw "
                        + String.join(" ", command.subList(1, command.size())));
        out.println(
                "The first build downloads dependencies and takes a few minutes; output in " + log);
        long started = System.nanoTime();
        Progress progress = new Progress(out, terminal);
        int exit;
        try {
            Files.createDirectories(logs);
            Process build =
                    new ProcessBuilder(command)
                            .directory(root.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            while (!build.waitFor(500, TimeUnit.MILLISECONDS)) {
                progress.show(
                        "building (" + (System.nanoTime() - started) / 1_000_000_000L + " s)");
            }
            exit = build.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run ./mvnw", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
        progress.clear();
        if (exit != 0) {
            out.println("--- last 30 lines of " + log + " ---");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(out::println);
            } catch (IOException | UncheckedIOException e) {
                out.println("(could not read " + log + ")");
            }
            throw new ClusterException("Build failed (exit " + exit + ").");
        }
        out.printf("  built in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
