package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.hertfordshire.platform.topology.Topology;

/** What a data folder already holds decides the Kafka cluster id a start uses. */
class DataFolderTest {

    private static final Topology TOPOLOGY = Topology.load();

    @TempDir Path data;

    @Test
    void aFormattedBrokerKeepsItsClusterIdWhenTheIdFileIsGone() throws IOException {
        ClusterPlan plan =
                ClusterPlan.single(TOPOLOGY, Path.of("/repo"), data, List.of(), List.of());
        List<Instance> brokers = plan.instancesOf(ClusterPlan.KAFKA);
        Path meta = plan.kafkaDataDir(brokers.get(0)).resolve("meta.properties");
        Files.createDirectories(meta.getParent());
        // What Kafka's StorageTool writes when it formats a KRaft broker.
        Files.writeString(
                meta,
                "#\n#Thu Dec 03 10:00:00 UTC 2026\nnode.id=1\nversion=1\n"
                        + "directory.id=q0Z3cT1kR5uN2v8l4i6B7A\ncluster.id=MkU3OEVBNTcwNTJENDM2Qk\n");

        assertThat(DataFolder.formattedClusterId(plan, brokers))
                .isEqualTo("MkU3OEVBNTcwNTJENDM2Qk");
    }

    @Test
    void anUnformattedFolderHasNoClusterIdYet() throws IOException {
        ClusterPlan plan =
                ClusterPlan.single(TOPOLOGY, Path.of("/repo"), data, List.of(), List.of());

        assertThat(DataFolder.formattedClusterId(plan, plan.instancesOf(ClusterPlan.KAFKA)))
                .isNull();
    }
}
