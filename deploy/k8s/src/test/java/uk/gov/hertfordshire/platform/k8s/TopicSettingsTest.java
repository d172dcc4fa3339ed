package uk.gov.hertfordshire.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.topology.KafkaSettings;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The topic settings the services declare on one machine (service-support's defaults, with no
 * configuration) are the declaration's single-copy figures; the manifests take its cluster figures.
 * One place states both.
 */
class TopicSettingsTest {

    @Test
    void theServicesDefaultsAreTheDeclaredSingleCopySettings() {
        SupportProperties.Topics defaults =
                Binder.get(new StandardEnvironment())
                        .bindOrCreate("platform.support", SupportProperties.class)
                        .topics();
        KafkaSettings declared = Topology.load().kafka();

        assertThat(defaults.partitions()).isEqualTo(declared.partitions());
        assertThat((int) defaults.replicationFactor())
                .isEqualTo(declared.replicationFactor().single());
        assertThat(defaults.minInSyncReplicas()).isEqualTo(declared.minInSyncReplicas().single());
    }
}
