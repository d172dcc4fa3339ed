package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up check of finance's mapping: format and completeness, never SAP. */
class PostingMappingsTest {

    static final String FEE = "uk.gov.hertfordshire.case.fee-paid.v1";
    static final PostingMappings.Mapping GOOD =
            new PostingMappings.Mapping(
                    FEE, "blue-badge", "HCC1", "41001000", "CC4107", "11002000", null);

    @Test
    void aCompleteMappingHasNoProblems() {
        assertThat(new PostingMappings(List.of(GOOD)).problems(Set.of(FEE))).isEmpty();
    }

    @Test
    void namesEachFieldNotInSapsFormat() {
        PostingMappings bad =
                new PostingMappings(
                        List.of(
                                new PostingMappings.Mapping(
                                        FEE, "blue-badge", "HCC12", "GL41", "cc 41", null, null)));
        assertThat(bad.problems(Set.of(FEE)))
                .anyMatch(p -> p.contains("company-code 'HCC12'"))
                .anyMatch(p -> p.contains("gl-account 'GL41'"))
                .anyMatch(p -> p.contains("cost-centre 'cc 41'"))
                .anyMatch(p -> p.contains("offset-gl-account is missing"));
    }

    @Test
    void aCommitmentRowNamesASupplierAndNoOffsetAccount() {
        String care = "uk.gov.hertfordshire.care.package-commissioned.v1";
        PostingMappings.Mapping good =
                new PostingMappings.Mapping(
                        care, "PROV-0042", "HCC1", "52101000", "CC5210", null, "300042");
        PostingMappings.Mapping bad =
                new PostingMappings.Mapping(
                        care, "PROV-0043", "HCC1", "52101000", "CC5210", "11002000", null);
        assertThat(
                        new PostingMappings(List.of(GOOD, good))
                                .problems(Set.of(FEE, care), Set.of(care)))
                .isEmpty();
        assertThat(
                        new PostingMappings(List.of(GOOD, good, bad))
                                .problems(Set.of(FEE, care), Set.of(care)))
                .containsExactlyInAnyOrder(
                        "mappings[2].supplier is missing",
                        "mappings[2].offset-gl-account is not used by a commitment");
    }

    @Test
    void anEventTypeWithoutARowIsIncomplete() {
        String care = "uk.gov.hertfordshire.care.package-commissioned.v1";
        assertThat(new PostingMappings(List.of(GOOD)).problems(Set.of(FEE, care)))
                .containsExactly("no mapping for event type " + care);
    }

    @Test
    void aRepeatedRowOrAnUnknownEventTypeIsRefused() {
        PostingMappings mappings =
                new PostingMappings(
                        List.of(
                                GOOD,
                                GOOD,
                                new PostingMappings.Mapping(
                                        "uk.gov.hertfordshire.case.submitted.v1",
                                        "pothole",
                                        "HCC1",
                                        "41001000",
                                        "CC4100",
                                        "11002000",
                                        null)));
        assertThat(mappings.problems(Set.of(FEE)))
                .anyMatch(p -> p.contains("repeats event"))
                .anyMatch(p -> p.contains("is not an event type the adapter posts"));
    }

    @Test
    void theShippedMappingIsComplete() throws Exception {
        // finance-mapping.yml as shipped, read the way the adapter binds it.
        var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("finance-mapping.yml"));
        var source =
                new org.springframework.core.env.PropertiesPropertySource(
                        "mapping", yaml.getObject());
        PostingMappings shipped =
                new org.springframework.boot.context.properties.bind.Binder(
                                org.springframework.boot.context.properties.source
                                        .ConfigurationPropertySources.from(source))
                        .bind("platform.sap.postings", PostingMappings.class)
                        .get();
        assertThat(shipped.mappings()).isNotEmpty();
        String care = "uk.gov.hertfordshire.care.package-commissioned.v1";
        assertThat(shipped.problems(Set.of(FEE, care), Set.of(care))).isEmpty();
    }
}
