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

    /** The council's aim, and the gate's default maximum. */
    static final double COUNCIL_READING_AGE = 9;

    final Set<String> paths =
            seeds.stream().map(AuthoringController.ItemRequest::path).collect(Collectors.toSet());

    final PublishGates gates = new PublishGates(COUNCIL_READING_AGE);

    @Test
    void everySeedPassesThePublishGatesAtTheCouncilsReadingAge() {
        for (AuthoringController.ItemRequest seed : seeds) {
            PublishGates.GateReport report = check(seed.content());
            assertThat(report.failures()).as(seed.path()).isEmpty();
            assertThat(report.readingAge()).as(seed.path()).isPositive();
        }
    }

    @Test
    void aSeedRewrittenInOfficialeseIsRefusedOnItsReadingAge() {
        ItemContent pothole = seedAt("/roads/report-a-pothole").content();
        assertThat(check(pothole).failures()).isEmpty();

        ItemContent officialese =
                withBody(
                        pothole,
                        "Carriageway defects necessitating intervention are remediated"
                                + " expeditiously following notification.\n\n"
                                + pothole.body());
        PublishGates.GateReport report = check(officialese);
        assertThat(report.readingAge()).isGreaterThan(COUNCIL_READING_AGE);
        assertThat(report.failures())
                .extracting(PublishGates.GateFailure::gate)
                .containsExactly("reading-age");
    }

    private PublishGates.GateReport check(ItemContent content) {
        return gates.check(content.sections(), paths::contains, content.readerText());
    }

    private AuthoringController.ItemRequest seedAt(String path) {
        return seeds.stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    private static ItemContent withBody(ItemContent c, String body) {
        return new ItemContent(
                c.title(),
                c.summary(),
                body,
                c.topics(),
                c.serviceCodes(),
                c.channels(),
                c.audience(),
                c.reviewBy(),
                c.parts(),
                c.steps(),
                c.priority(),
                c.startsAt(),
                c.endsAt(),
                c.callScript());
    }
}
