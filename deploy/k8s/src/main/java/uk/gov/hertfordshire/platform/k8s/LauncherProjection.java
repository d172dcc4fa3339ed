package uk.gov.hertfordshire.platform.k8s;

import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The declaration flattened for {@code ./platform}, which is bash: one line per component, fields
 * separated by single spaces, "-" where a field is empty. bash reads it with {@code read}; no YAML
 * parser in the launcher.
 */
final class LauncherProjection {

    static final String FILE = "deploy/topology.tsv";

    private LauncherProjection() {}

    static String of(Topology topology) {
        StringBuilder out =
                new StringBuilder(
                        "# Generated from deploy/topology.yaml by deploy/k8s (ManifestGenerator): do"
                                + " not edit.\n"
                                + "# Read by ./platform. component kind port management-port health"
                                + " database\n");
        for (Component c : topology.components()) {
            if (c.replicas().single() == 0) {
                continue; // only ./platform up --cluster runs it, from the declaration itself
            }
            out.append(
                    String.join(
                            " ",
                            c.name(),
                            c.kind().name().toLowerCase(java.util.Locale.ROOT),
                            String.valueOf(c.port()),
                            c.managementPort() == 0 ? "-" : String.valueOf(c.managementPort()),
                            c.health() == null ? "-" : c.health(),
                            c.database() == null ? "-" : c.database()));
            out.append('\n');
        }
        return out.toString();
    }
}
