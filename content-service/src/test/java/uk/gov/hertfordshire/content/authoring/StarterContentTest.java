package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.content.rendering.PublishGates;

/** The starter content is what a publisher could have published: valid, and past every gate. */
class StarterContentTest {

    /** case-service's seeded catalogue (its migration V3), written out here on purpose. */
    static final List<String> SEEDED_SERVICES =
            List.of(
                    "pothole",
                    "street-light",
                    "drain-flooding",
                    "road-sign",
                    "overgrown-vegetation",
                    "fly-tipping-highway",
                    "rights-of-way",
                    "blue-badge",
                    "school-transport",
                    "library-membership");

    final List<AuthoringController.ItemRequest> seeds = StarterContent.seeds();

    @Test
    void thereAreAtLeastThirtyOfEveryTypeWithAPageForEachSeededService() {
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(30);
        assertThat(
                        seeds.stream()
                                .map(AuthoringController.ItemRequest::type)
                                .collect(Collectors.toSet()))
                .hasSize(ContentType.values().length);
        for (String service : SEEDED_SERVICES) {
            assertThat(seeds)
                    .as(service)
                    .anyMatch(
                            s ->
                                    s.type().equals("service_page")
                                            && s.serviceCodes().contains(service));
        }
    }

    @Test
    void everySeedKeepsItsTypesRules() {
        for (AuthoringController.ItemRequest seed : seeds) {
            ContentType type = ContentType.fromWire(seed.type()).orElseThrow();
            List<String> unknown =
                    seed.serviceCodes().stream().filter(c -> !SEEDED_SERVICES.contains(c)).toList();
            assertThat(ItemRules.check(type, seed.path(), seed.content(), unknown))
                    .as(seed.path())
                    .isEmpty();
        }
        assertThat(seeds.stream().map(AuthoringController.ItemRequest::path).distinct())
                .hasSize(seeds.size());
    }

    @Test
    void everySeedPassesThePublishGates() {
        Set<String> paths =
                seeds.stream()
                        .map(AuthoringController.ItemRequest::path)
                        .collect(Collectors.toSet());
        PublishGates gates = new PublishGates(12);
        for (AuthoringController.ItemRequest seed : seeds) {
            assertThat(
                            gates.check(
                                            seed.content().sections(),
                                            paths::contains,
                                            seed.content().readerText())
                                    .failures())
                    .as(seed.path())
                    .isEmpty();
        }
    }
}
