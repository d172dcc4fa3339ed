package uk.gov.hertfordshire.cases.catalogue;

/** One service in the catalogue. */
public record CatalogueEntry(
        String code,
        String name,
        String group,
        String description,
        String keywords,
        int responseTarget,
        String responseUnit,
        String responsibleTeam,
        Integer feePence,
        boolean availableOnline,
        boolean availableOpen311,
        boolean publicRealm) {}
