/**
 * {@code ./platform up --cluster}: a replicated platform on one machine, planned from {@code
 * deploy/topology.yaml} (ADR 0029, ADR 0031). {@link
 * uk.gov.hertfordshire.platform.local.cluster.ClusterPlan} says what runs where (pure, unit
 * tested); {@link uk.gov.hertfordshire.platform.local.cluster.Cluster} starts, watches and stops it
 * (the API the chaos tests use), with {@link
 * uk.gov.hertfordshire.platform.local.cluster.DataFolder} readying the data folder and the files
 * {@link uk.gov.hertfordshire.platform.local.cluster.KafkaBrokerConfig}, {@link
 * uk.gov.hertfordshire.platform.local.cluster.NginxConfig} and {@link
 * uk.gov.hertfordshire.platform.local.cluster.PrometheusConfig} write; {@link
 * uk.gov.hertfordshire.platform.local.cluster.ClusterStatus} reports its state; {@link
 * uk.gov.hertfordshire.platform.local.cluster.ClusterCommand} is what {@code ./platform} calls.
 */
package uk.gov.hertfordshire.platform.local.cluster;
