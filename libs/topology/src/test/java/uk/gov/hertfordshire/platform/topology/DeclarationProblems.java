package uk.gov.hertfordshire.platform.topology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import uk.gov.hertfordshire.platform.events.EventCatalog;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * What makes a declaration disagree with itself or with event-contracts: each problem one line
 * naming the component and what is wrong.
 */
final class DeclarationProblems {

    private DeclarationProblems() {}

    static List<String> of(Topology topology) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> singlePorts = new HashSet<>();
        Set<Integer> clusterPorts = new HashSet<>();
        for (Component c : topology.components()) {
            if (!names.add(c.name())) {
                problems.add(c.name() + ": declared twice");
            }
            List<Integer> declared =
                    List.of(c.port(), c.managementPort(), c.controllerPort(), c.metricsPort());
            for (int port : declared) {
                if (port != 0 && c.replicas().single() > 0 && !singlePorts.add(port)) {
                    problems.add(c.name() + ": port " + port + " is taken by another component");
                }
                for (int r = 1; port != 0 && r <= c.replicas().cluster(); r++) {
                    int at = topology.clusterPort(c, port, r);
                    if (!clusterPorts.add(at)) {
                        problems.add(
                                c.name()
                                        + ": cluster replica "
                                        + r
                                        + "'s port "
                                        + at
                                        + " is taken by another");
                    }
                }
            }
        }
        for (Component c : topology.components()) {
            c.dependsOn().stream()
                    .filter(d -> !names.contains(d))
                    .forEach(d -> problems.add(c.name() + ": depends on unknown component " + d));
            boolean launched =
                    c.kind() == Component.Kind.SERVICE || c.kind() == Component.Kind.LOCAL;
            if (launched && c.health() == null) {
                problems.add(c.name() + ": no health path for the launcher to wait on");
            }
            if (c.isService() && c.liveness() == null) {
                problems.add(c.name() + ": no liveness and readiness groups for Kubernetes");
            }
            if ((c.liveness() == null) != (c.readiness() == null)) {
                problems.add(c.name() + ": liveness and readiness are declared together");
            }
            Set<String> published = new TreeSet<>();
            for (EventType<?> type : EventCatalog.ALL) {
                if (type.source().equals("/" + c.name())) {
                    published.add(type.topic());
                }
            }
            if (!published.equals(new TreeSet<>(c.publishes()))) {
                problems.add(
                        c.name()
                                + ": publishes "
                                + c.publishes()
                                + " but its events in EventCatalog go to "
                                + published);
            }
            for (String followed : c.follows()) {
                if (!Topics.ALL.contains(followed)) {
                    problems.add(c.name() + ": follows unknown topic " + followed);
                }
                if (!c.dependsOn().contains("kafka")) {
                    problems.add(
                            c.name() + ": follows " + followed + " but does not depend on kafka");
                }
            }
            for (Subscription s : c.subscriptions()) {
                if (!Topics.ALL.contains(s.topic())) {
                    problems.add(c.name() + ": subscribes to unknown topic " + s.topic());
                }
                if (c.database() == null) {
                    problems.add(c.name() + ": subscribes without a database for its inbox");
                }
            }
        }
        Set<String> declaredTopics = new TreeSet<>();
        topology.components().forEach(c -> declaredTopics.addAll(c.publishes()));
        if (!declaredTopics.equals(new TreeSet<>(Topics.ALL))) {
            problems.add(
                    "published topics "
                            + declaredTopics
                            + " are not Topics.ALL "
                            + new TreeSet<>(Topics.ALL));
        }
        return problems;
    }
}
