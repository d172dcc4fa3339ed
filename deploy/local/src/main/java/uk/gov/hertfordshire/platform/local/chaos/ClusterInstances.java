package uk.gov.hertfordshire.platform.local.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import uk.gov.hertfordshire.platform.local.cluster.Cluster;
import uk.gov.hertfordshire.platform.local.cluster.Instance;
import uk.gov.hertfordshire.platform.topology.Topology;

/** {@link Instances} over the cluster {@code ./platform up --cluster} runs ({@link Cluster}). */
public final class ClusterInstances implements Instances {

    private final Cluster cluster;

    public ClusterInstances(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The cluster of these components (all of the cluster mode's where empty) on this data folder,
     * as the repository at {@code root} declares it.
     */
    public static ClusterInstances of(
            Path root, Path data, Collection<String> components, PrintStream progress) {
        Topology topology = Topology.load(root.resolve(Topology.DECLARATION));
        return new ClusterInstances(
                Cluster.of(topology, root, data, components).printingTo(progress));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Every instance's name, in start order. */
    public List<String> instances() {
        return cluster.instances();
    }

    /** The instances that run but do not answer their health check, or do not run at all. */
    public List<String> unhealthy() {
        return cluster.instances().stream().filter(i -> !cluster.healthy(i)).toList();
    }

    @Override
    public List<String> instances(String component) {
        return cluster.plan().instancesOf(component).stream().map(Instance::name).toList();
    }

    @Override
    public long pid(String instance) throws IOException {
        return cluster.pid(instance)
                .orElseThrow(() -> new IOException(instance + " is not running"));
    }

    @Override
    public boolean healthy(String instance) {
        return cluster.healthy(instance);
    }

    @Override
    public void start(String instance, Duration limit) {
        cluster.withTimeout(limit).start(instance);
    }

    @Override
    public String kafkaBootstrapServers() {
        return cluster.plan().kafkaBootstrapServers();
    }

    /** Broker r of the cluster has {@code node.id} r ({@code KafkaBrokerConfig}). */
    @Override
    public String kafkaInstance(int nodeId) {
        return "kafka-" + nodeId;
    }

    @Override
    public String postgresInstance() {
        return instances("postgres").get(0);
    }

    /** The first line of {@code postmaster.pid} in the cluster's PostgreSQL data directory. */
    @Override
    public long postmasterPid() throws IOException {
        Path pidFile = cluster.plan().data().resolve("postgres").resolve("postmaster.pid");
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]+")) {
            throw new IOException("no postmaster PID in " + pidFile);
        }
        return Long.parseLong(lines.get(0).strip());
    }
}
