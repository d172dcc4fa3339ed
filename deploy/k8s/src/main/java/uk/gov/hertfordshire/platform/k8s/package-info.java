/**
 * Writes the Kubernetes manifests in {@code deploy/k8s} from the declared topology (ADR 0029, ADR
 * 0030): Deployments, Services, autoscalers, disruption budgets and ServiceMonitors per service;
 * Strimzi's Kafka, node pool, topics and users; CloudNativePG's cluster, databases and backups;
 * network policies; and the kustomize base and overlays.
 */
package uk.gov.hertfordshire.platform.k8s;
