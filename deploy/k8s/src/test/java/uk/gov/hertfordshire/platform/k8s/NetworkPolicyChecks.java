package uk.gov.hertfordshire.platform.k8s;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.gov.hertfordshire.platform.k8s.Kustomize.Document;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/** Who may reach each service, and where sap-adapter may go: what issue 14 asks of the policies. */
final class NetworkPolicyChecks {

    private NetworkPolicyChecks() {}

    private static final Map<String, Object> GATEWAY_PODS =
            Map.of(
                    "podSelector",
                    Map.of("matchLabels", Map.of("app.kubernetes.io/name", "gateway")));
    private static final Map<String, Object> PROMETHEUS =
            Map.of(
                    "namespaceSelector",
                    Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")));

    /**
     * Each service's pods are selected by an ingress policy whose every rule names its peers: the
     * gateway's pods (for the gateway itself: anyone, on its public port only) or Prometheus'
     * namespace.
     */
    static void checkIngress(Topology topology, List<Document> docs, List<String> problems) {
        for (Component service : topology.services()) {
            List<Map<String, Object>> policies =
                    docs.stream()
                            .filter(d -> "NetworkPolicy".equals(d.kind()))
                            .map(Document::body)
                            .filter(
                                    p ->
                                            Json.list(Json.at(p, "/spec/policyTypes"))
                                                    .contains("Ingress"))
                            .filter(
                                    p ->
                                            service.name()
                                                    .equals(
                                                            Json.at(
                                                                    p,
                                                                    "/spec/podSelector/matchLabels/app.kubernetes.io~1name")))
                            .toList();
            if (policies.isEmpty()) {
                problems.add(
                        service.name() + ": no ingress NetworkPolicy, so any pod may reach it");
            }
            for (Map<String, Object> policy : policies) {
                for (Object rule : Json.list(Json.at(policy, "/spec/ingress"))) {
                    List<?> from = Json.list(Json.map(rule).get("from"));
                    boolean publicPort =
                            service.name().equals("gateway")
                                    && from.isEmpty()
                                    && Json.list(Json.map(rule).get("ports")).size() == 1
                                    && "http".equals(Json.at(rule, "/ports/0/port"));
                    if (from.isEmpty() && !publicPort) {
                        problems.add(service.name() + ": an ingress rule admits any peer");
                    }
                    for (Object peer : from) {
                        if (!peer.equals(GATEWAY_PODS) && !peer.equals(PROMETHEUS)) {
                            problems.add(service.name() + ": ingress admits " + peer);
                        }
                    }
                }
            }
        }
    }

    /** sap-adapter may reach only DNS, Kafka, PostgreSQL and HTTPS addresses. */
    static void checkSapAdapterEgress(List<Document> docs, List<String> problems) {
        Map<String, Object> policy =
                ManifestChecks.find(docs, "NetworkPolicy", "sap-adapter-egress").orElse(Map.of());
        if (!Json.list(Json.at(policy, "/spec/policyTypes")).contains("Egress")
                || !"sap-adapter"
                        .equals(
                                Json.at(
                                        policy,
                                        "/spec/podSelector/matchLabels/app.kubernetes.io~1name"))) {
            problems.add("sap-adapter: no egress NetworkPolicy");
            return;
        }
        for (Object rule : Json.list(Json.at(policy, "/spec/egress"))) {
            List<?> to = Json.list(Json.map(rule).get("to"));
            Set<Object> ports =
                    new TreeSet<>(
                            Json.list(Json.map(rule).get("ports")).stream()
                                    .map(p -> String.valueOf(Json.map(p).get("port")))
                                    .toList());
            boolean allowed =
                    to.size() == 1
                            && switch (String.valueOf(Json.map(to.get(0)).keySet())) {
                                case "[ipBlock]" -> ports.equals(Set.of("443"));
                                case "[namespaceSelector, podSelector]" ->
                                        ports.equals(Set.of("53"))
                                                && "kube-dns"
                                                        .equals(
                                                                Json.at(
                                                                        to.get(0),
                                                                        "/podSelector/matchLabels/k8s-app"));
                                case "[podSelector]" ->
                                        (ports.equals(Set.of("9093"))
                                                        && Json.at(
                                                                        to.get(0),
                                                                        "/podSelector/matchLabels/strimzi.io~1cluster")
                                                                != null)
                                                || (ports.equals(Set.of("5432"))
                                                        && Json.at(
                                                                        to.get(0),
                                                                        "/podSelector/matchLabels/cnpg.io~1cluster")
                                                                != null);
                                default -> false;
                            };
            if (!allowed) {
                problems.add(
                        "sap-adapter: egress to "
                                + to
                                + " on "
                                + ports
                                + " is more than SAP, Kafka, PostgreSQL, DNS and HTTPS");
            }
        }
    }
}
