package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue in PostgreSQL. */
@Repository
public class Catalogue {

    private static final String COLUMNS =
            "code, name, service_group AS \"group\", description, keywords, response_target, response_unit,"
                    + " responsible_team, fee_pence, available_online, available_open311,"
                    + " public_realm";

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CatalogueEntry> availableThroughOpen311() {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM catalogue_service WHERE available_open311 ORDER BY code")
                .query(CatalogueEntry.class)
                .list();
    }

    public Optional<CatalogueEntry> find(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(CatalogueEntry.class)
                .optional();
    }
}
