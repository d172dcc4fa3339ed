package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes objects as YAML documents the same way every time: fabric8's serialisation turns a model
 * object into plain maps, and every map is written with its keys in alphabetical order (as {@code
 * kubectl get -o yaml} does), so a regenerated file differs only where the topology did.
 */
final class YamlFiles {

    static final String GENERATED =
            "# Generated from deploy/topology.yaml by deploy/k8s (ManifestGenerator): do not edit.\n"
                    + "# Regenerate: see deploy/k8s/README.md.\n";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private YamlFiles() {}

    /** One file of documents, each a fabric8 model object or plain maps and lists. */
    static String documents(List<?> objects) {
        StringBuilder out = new StringBuilder(GENERATED);
        for (Object object : objects) {
            out.append("---\n").append(yaml().dump(sorted(plain(object))));
        }
        return out.toString();
    }

    /** One file with one document. */
    static String document(Object object) {
        return GENERATED + yaml().dump(sorted(plain(object)));
    }

    /** A YAML text without the generated-file header (the content of a ConfigMap's key). */
    static String plainDocument(Object object) {
        return yaml().dump(sorted(plain(object)));
    }

    private static Object plain(Object object) {
        if (object instanceof Map<?, ?> || object instanceof List<?>) {
            return object;
        }
        return SERIALIZATION.convertValue(object, Map.class);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(sorted(item)));
            return items;
        }
        return value;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        // No folding of long values (JVM options): one line each, as written.
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options);
    }
}
