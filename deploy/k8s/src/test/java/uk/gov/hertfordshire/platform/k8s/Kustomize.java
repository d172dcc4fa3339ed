package uk.gov.hertfordshire.platform.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What kustomize would do with a kustomization's references, without kustomize (not installed on
 * these machines): resolves {@code resources} (files and folders with a kustomization) to their
 * documents, applies its JSON 6902 patches ({@code add} and {@code replace}, the operations the
 * overlays use) to them, and reports every reference that would make {@code kustomize build} fail
 * or silently do nothing — a missing file, a patch whose target matches no resource or whose path
 * is not in it, a {@code replicas} entry naming no Deployment.
 *
 * @param files every file by its path from the repository's root (an in-memory copy a test may
 *     change)
 */
record Kustomize(Map<String, String> files) {

    /** A resource document and the file it came from. */
    record Document(String file, Map<String, Object> body) {

        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) Json.at(body, "/metadata/name");
        }
    }

    static List<Map<String, Object>> parse(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add(Json.map(document));
            }
        }
        return documents;
    }

    /** The documents a kustomization folder builds; problems collect what would not resolve. */
    List<Document> build(String folder, List<String> problems) {
        String path = folder + "/kustomization.yaml";
        String text = files.get(path);
        if (text == null) {
            problems.add(path + ": missing");
            return List.of();
        }
        Map<String, Object> kustomization = parse(text).get(0);
        List<Document> documents = new ArrayList<>();
        for (Object resource : Json.list(kustomization.get("resources"))) {
            String target = normalise(folder + "/" + resource);
            if (files.containsKey(target + "/kustomization.yaml")) {
                documents.addAll(build(target, problems));
            } else if (files.containsKey(target)) {
                parse(files.get(target)).forEach(d -> documents.add(new Document(target, d)));
            } else {
                problems.add(path + ": resource " + resource + " does not exist");
            }
        }
        for (Object entry : Json.list(kustomization.get("patches"))) {
            applyPatch(path, Json.map(entry), documents, problems);
        }
        for (Object entry : Json.list(kustomization.get("replicas"))) {
            String name = (String) Json.map(entry).get("name");
            if (documents.stream()
                    .noneMatch(d -> "Deployment".equals(d.kind()) && name.equals(d.name()))) {
                problems.add(path + ": replicas for " + name + ", which is no Deployment");
            }
        }
        return documents;
    }

    private static void applyPatch(
            String path,
            Map<String, Object> patch,
            List<Document> documents,
            List<String> problems) {
        Map<String, Object> target = Json.map(patch.get("target"));
        List<Document> targets = documents.stream().filter(d -> matches(target, d)).toList();
        if (targets.isEmpty()) {
            problems.add(path + ": patch target " + target + " matches no resource");
            return;
        }
        for (Map<String, Object> operation : operations(patch)) {
            String op = (String) operation.get("op");
            String pointer = (String) operation.get("path");
            // "add" may create the last step (or append with "-"); its parent must exist.
            String mustExist =
                    op.equals("add") ? pointer.substring(0, pointer.lastIndexOf('/')) : pointer;
            for (Document d : targets) {
                if (Json.at(d.body(), mustExist) != null) {
                    apply(d.body(), op, pointer, operation.get("value"));
                } else {
                    problems.add(
                            path
                                    + ": patch "
                                    + op
                                    + " "
                                    + pointer
                                    + " is not in "
                                    + d.kind()
                                    + " "
                                    + d.name());
                }
            }
        }
    }

    /** One operation on a document whose target exists ("add" to a list's end with "-"). */
    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> body, String op, String pointer, Object value) {
        int slash = pointer.lastIndexOf('/');
        Object parent = Json.at(body, pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            if (last.equals("-")) {
                items.add(value);
            } else if (op.equals("add")) {
                items.add(Integer.parseInt(last), value);
            } else {
                items.set(Integer.parseInt(last), value);
            }
        }
    }

    private static List<Map<String, Object>> operations(Map<String, Object> patch) {
        List<Map<String, Object>> operations = new ArrayList<>();
        Object parsed =
                new Yaml(new SafeConstructor(new LoaderOptions()))
                        .load((String) patch.get("patch"));
        Json.list(parsed).forEach(o -> operations.add(Json.map(o)));
        return operations;
    }

    private static boolean matches(Map<String, Object> target, Document d) {
        String apiVersion = (String) d.body().get("apiVersion");
        String group =
                apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return Objects.equals(target.get("kind"), d.kind())
                && (!target.containsKey("name") || Objects.equals(target.get("name"), d.name()))
                && (!target.containsKey("group") || Objects.equals(target.get("group"), group));
    }

    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                parts.remove(parts.size() - 1);
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }
}
