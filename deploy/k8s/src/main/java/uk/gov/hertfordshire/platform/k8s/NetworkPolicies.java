package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * Who may talk to whom. Ingress: the gateway from anywhere on its public port; every other service
 * only from the gateway; every actuator only from Prometheus' namespace. Egress is limited for
 * sap-adapter, which holds the SAP credentials: SAP, Kafka, its PostgreSQL, DNS and the token
 * issuers (HTTPS outside the private ranges), nothing else.
 */
final class NetworkPolicies {

    static final String GATEWAY = "gateway";
    static final String SAP_ADAPTER = "sap-adapter";

    /**
     * SAP's address range: TEST-NET-1 (RFC 5737), which reaches nothing, until the production
     * overlay's patch names the council's SAP network (deploy/k8s/README.md).
     */
    static final String SAP_CIDR = "192.0.2.0/24";

    static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    private NetworkPolicies() {}

    static List<NetworkPolicy> of(Topology topology) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (Component service : topology.services()) {
            policies.add(ingress(service));
        }
        policies.add(sapAdapterEgress(topology.component(SAP_ADAPTER)));
        return policies;
    }

    private static NetworkPolicy ingress(Component service) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        NetworkPolicyPeer from =
                service.name().equals(GATEWAY) ? null : pods(Names.selector(GATEWAY));
        NetworkPolicyIngressRuleBuilder traffic =
                new NetworkPolicyIngressRuleBuilder().withPorts(port("TCP", "http"));
        if (from != null) {
            traffic.withFrom(from);
        }
        rules.add(traffic.build());
        rules.add(
                new NetworkPolicyIngressRuleBuilder()
                        .withFrom(
                                new NetworkPolicyPeerBuilder()
                                        .withNamespaceSelector(
                                                selector(
                                                        Map.of(
                                                                "kubernetes.io/metadata.name",
                                                                Names.MONITORING_NAMESPACE)))
                                        .build())
                        .withPorts(port("TCP", ServiceWorkloads.actuatorPortName(service)))
                        .build());
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(service.name() + "-ingress")
                .withLabels(Names.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(selector(Names.selector(service.name())))
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }

    private static NetworkPolicy sapAdapterEgress(Component sapAdapter) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        rules.add(
                egress(
                        new NetworkPolicyPeerBuilder()
                                .withNamespaceSelector(
                                        selector(
                                                Map.of(
                                                        "kubernetes.io/metadata.name",
                                                        "kube-system")))
                                .withPodSelector(selector(Map.of("k8s-app", "kube-dns")))
                                .build(),
                        port("UDP", 53),
                        port("TCP", 53)));
        rules.add(
                egress(
                        pods(Map.of("strimzi.io/cluster", Names.KAFKA_CLUSTER)),
                        port("TCP", Names.KAFKA_PORT)));
        rules.add(
                egress(pods(Map.of("cnpg.io/cluster", Names.POSTGRES_CLUSTER)), port("TCP", 5432)));
        rules.add(
                egress(
                        new NetworkPolicyPeerBuilder()
                                .withNewIpBlock()
                                .withCidr(SAP_CIDR)
                                .endIpBlock()
                                .build(),
                        port("TCP", 443)));
        rules.add(
                egress(
                        new NetworkPolicyPeerBuilder()
                                .withNewIpBlock()
                                .withCidr("0.0.0.0/0")
                                .withExcept(PRIVATE_RANGES)
                                .endIpBlock()
                                .build(),
                        port("TCP", 443)));
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(SAP_ADAPTER + "-egress")
                .withLabels(Names.labels(sapAdapter.name()))
                .endMetadata()
                .withNewSpec()
                .withPodSelector(selector(Names.selector(sapAdapter.name())))
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build();
    }

    private static NetworkPolicyEgressRule egress(
            NetworkPolicyPeer to, NetworkPolicyPort... ports) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(ports).build();
    }

    private static NetworkPolicyPeer pods(Map<String, String> labels) {
        return new NetworkPolicyPeerBuilder().withPodSelector(selector(labels)).build();
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    private static NetworkPolicyPort port(String protocol, Object port) {
        IntOrString value =
                port instanceof Integer number
                        ? new IntOrString(number)
                        : new IntOrString((String) port);
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(value).build();
    }
}
