package uk.gov.hertfordshire.platform.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.platform.k8s.Kustomize.Document;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The container images the build script makes (deploy/images, ADR 34) are the ones the Deployments
 * run: the script's plan names every service's image as its Deployment does, with the ports its
 * container declares; the Dockerfile's user is the pods' {@code runAsUser} and {@code runAsGroup};
 * its base is a Temurin JRE pinned by version and digest, no older than the Java the services are
 * built for; its entry point is the launcher its layer extraction writes; and every Deployment with
 * a read-only root filesystem gives the JVM and the web server a writable {@code /tmp}.
 */
final class ImageChecks {

    static final String DOCKERFILE = "deploy/images/Dockerfile";
    static final String SCRIPT = "deploy/images/build";

    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+):(\\d+)\\s*$");
    private static final Pattern BASE =
            Pattern.compile(
                    "(?m)^ARG BASE_IMAGE=eclipse-temurin:(\\d+)\\.\\d+\\.\\d+_\\d+-jre-[a-z]+"
                            + "@sha256:[0-9a-f]{64}\\s*$");
    private static final Pattern JAVA_VERSION =
            Pattern.compile("<java\\.version>(\\d+)</java\\.version>");

    private ImageChecks() {}

    /** What the script would build, run with {@code --plan} (no container engine needed). */
    static String plan(Path root) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder("bash", root.resolve(SCRIPT).toString(), "--plan")
                        .redirectErrorStream(true);
        builder.environment().remove("IMAGE_REGISTRY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(SCRIPT + " --plan failed: " + out);
        }
        return out;
    }

    /** The Java release the services are compiled for (the root pom's {@code java.version}). */
    static int javaRelease(Path root) throws IOException {
        Matcher m = JAVA_VERSION.matcher(Files.readString(root.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no java.version in the root pom");
        }
        return Integer.parseInt(m.group(1));
    }

    static List<String> problems(
            String dockerfile,
            String plan,
            int javaRelease,
            Map<String, String> files,
            Topology topology) {
        List<String> problems = new ArrayList<>();
        List<Document> base = new Kustomize(files).build("deploy/k8s/base", new ArrayList<>());
        Matcher user = USER.matcher(dockerfile);
        String runsAs = user.find() ? user.group(1) + ":" + user.group(2) : null;
        Matcher from = BASE.matcher(dockerfile);
        if (runsAs == null) {
            problems.add(DOCKERFILE + ": no numeric USER uid:gid");
        }
        if (!from.find()) {
            problems.add(
                    DOCKERFILE
                            + ": BASE_IMAGE is not a Temurin JRE pinned by version tag and digest");
        } else if (Integer.parseInt(from.group(1)) < javaRelease) {
            problems.add(
                    DOCKERFILE
                            + ": JRE "
                            + from.group(1)
                            + " is older than the services' Java "
                            + javaRelease);
        }
        if (!dockerfile.contains("extract --layers --launcher")
                || !dockerfile.contains(
                        "ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]")) {
            problems.add(DOCKERFILE + ": not started by the launcher its layer extraction writes");
        }
        if (!dockerfile.contains("EXPOSE ${PORT} ${MANAGEMENT_PORT}")) {
            problems.add(DOCKERFILE + ": does not expose the PORT and MANAGEMENT_PORT it is given");
        }

        Map<String, String[]> planned = new LinkedHashMap<>();
        plan.lines()
                .filter(l -> !l.isBlank())
                .forEach(l -> planned.put(l.split(" ")[0], l.split(" ")));
        for (Component service : topology.services()) {
            String name = service.name();
            String[] line = planned.remove(name);
            Optional<Map<String, Object>> deployment =
                    ManifestChecks.find(base, "Deployment", name);
            if (line == null || deployment.isEmpty()) {
                problems.add(name + ": no image in " + SCRIPT + "'s plan, or no Deployment");
                continue;
            }
            Map<String, Object> pod = Json.map(Json.at(deployment.get(), "/spec/template/spec"));
            Map<String, Object> container = Json.map(Json.at(pod, "/containers/0"));
            if (!line[1].equals(container.get("image"))) {
                problems.add(
                        name
                                + ": "
                                + SCRIPT
                                + " builds "
                                + line[1]
                                + ", the Deployment runs "
                                + container.get("image"));
            }
            Map<String, String> ports = new LinkedHashMap<>();
            Json.list(container.get("ports"))
                    .forEach(
                            p ->
                                    ports.put(
                                            String.valueOf(Json.map(p).get("name")),
                                            String.valueOf(Json.map(p).get("containerPort"))));
            String management = ports.getOrDefault("management", ports.get("http"));
            if (!line[3].equals(ports.get("http")) || !line[4].equals(management)) {
                problems.add(
                        name
                                + ": the image exposes "
                                + line[3]
                                + " and "
                                + line[4]
                                + ", the Deployment's container "
                                + ports.values());
            }
            String pods =
                    Json.at(pod, "/securityContext/runAsUser")
                            + ":"
                            + Json.at(pod, "/securityContext/runAsGroup");
            if (runsAs != null && !runsAs.equals(pods)) {
                problems.add(name + ": the image runs as " + runsAs + ", the pod as " + pods);
            }
            checkTemporaryFiles(name, pod, container, problems);
        }
        planned.keySet().forEach(extra -> problems.add(extra + ": an image for no service"));
        return problems;
    }

    /**
     * A read-only root filesystem leaves the JVM (hsperfdata), Tomcat and Netty (their work and
     * native-library files) nowhere to write but {@code /tmp}: it must be a writable emptyDir.
     */
    private static void checkTemporaryFiles(
            String name,
            Map<String, Object> pod,
            Map<String, Object> container,
            List<String> problems) {
        if (!Boolean.TRUE.equals(Json.at(container, "/securityContext/readOnlyRootFilesystem"))) {
            return;
        }
        Optional<Map<String, Object>> tmp =
                Json.list(container.get("volumeMounts")).stream()
                        .map(Json::map)
                        .filter(m -> "/tmp".equals(m.get("mountPath")))
                        .findFirst();
        boolean emptyDir =
                tmp.isPresent()
                        && !Boolean.TRUE.equals(tmp.get().get("readOnly"))
                        && Json.list(pod.get("volumes")).stream()
                                .map(Json::map)
                                .anyMatch(
                                        v ->
                                                tmp.get().get("name").equals(v.get("name"))
                                                        && v.containsKey("emptyDir"));
        if (!emptyDir) {
            problems.add(name + ": read-only root filesystem without a writable emptyDir on /tmp");
        }
    }
}
