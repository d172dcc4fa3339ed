package uk.gov.hertfordshire.cases.catalogue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes to the catalogue's tables; every method runs inside the caller's transaction. */
@Repository
class CatalogueStore {

    private final JdbcClient jdbc;

    CatalogueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The service's version and withdrawal, locked until the transaction ends; empty if none. */
    Optional<Lock> lock(String code) {
        return jdbc.sql(
                        "SELECT version, withdrawn_at IS NOT NULL AS withdrawn"
                                + " FROM catalogue_service WHERE code = :code FOR UPDATE")
                .param("code", code)
                .query((rs, row) -> new Lock(rs.getInt("version"), rs.getBoolean("withdrawn")))
                .optional();
    }

    /** Adds a new service at version 1; false if the code is taken, withdrawn services included. */
    boolean insert(ServiceDefinition service, Instant now) {
        int inserted =
                jdbc.sql(
                                "INSERT INTO catalogue_service (code, name, service_group,"
                                        + " description, keywords, response_target, response_unit,"
                                        + " responsible_team, fee_pence, available_online,"
                                        + " available_open311, public_realm, version, changed_at)"
                                        + " VALUES (:code, :name, :group, :description, :keywords,"
                                        + " :responseTarget, :responseUnit, :teamCode, :feePence,"
                                        + " :availableOnline, :availableOpen311, :publicRealm, 1,"
                                        + " :now) ON CONFLICT (code) DO NOTHING")
                        .params(columns(service))
                        .param("now", Timestamp.from(now))
                        .update();
        if (inserted == 1) {
            insertAttributes(service.code(), service.attributes());
        }
        return inserted == 1;
    }

    /** Replaces the definition and its questions, as the given version. */
    void replace(ServiceDefinition service, int version, Instant now) {
        jdbc.sql(
                        "UPDATE catalogue_service SET name = :name, service_group = :group,"
                                + " description = :description, keywords = :keywords,"
                                + " response_target = :responseTarget,"
                                + " response_unit = :responseUnit, responsible_team = :teamCode,"
                                + " fee_pence = :feePence, available_online = :availableOnline,"
                                + " available_open311 = :availableOpen311,"
                                + " public_realm = :publicRealm, version = :version,"
                                + " changed_at = :now WHERE code = :code")
                .params(columns(service))
                .param("version", version)
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("DELETE FROM catalogue_attribute WHERE service_code = :code")
                .param("code", service.code())
                .update();
        insertAttributes(service.code(), service.attributes());
    }

    void withdraw(String code, int version, Instant now) {
        jdbc.sql(
                        "UPDATE catalogue_service SET withdrawn_at = :now, changed_at = :now,"
                                + " version = :version WHERE code = :code")
                .param("code", code)
                .param("version", version)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * The codes of services whose current version has not been published, locked until the
     * transaction ends. A second instance starting at the same time waits here, then finds them
     * published.
     */
    List<String> lockUnpublished() {
        return jdbc.sql(
                        "SELECT code FROM catalogue_service"
                                + " WHERE published_version IS DISTINCT FROM version"
                                + " ORDER BY code FOR UPDATE")
                .query(String.class)
                .list();
    }

    void markPublished(String code, int version) {
        jdbc.sql("UPDATE catalogue_service SET published_version = :version WHERE code = :code")
                .param("code", code)
                .param("version", version)
                .update();
    }

    private static Map<String, Object> columns(ServiceDefinition service) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("code", service.code());
        columns.put("name", service.name());
        columns.put("group", service.group());
        columns.put("description", service.description());
        columns.put("keywords", service.keywords());
        columns.put("responseTarget", service.responseTarget());
        columns.put("responseUnit", service.responseUnit());
        columns.put("teamCode", service.teamCode());
        columns.put("feePence", service.feePence());
        columns.put("availableOnline", service.availableOnline());
        columns.put("availableOpen311", service.availableOpen311());
        columns.put("publicRealm", service.publicRealm());
        return columns;
    }

    private void insertAttributes(String serviceCode, List<ServiceAttribute> attributes) {
        for (ServiceAttribute attribute : attributes) {
            jdbc.sql(
                            "INSERT INTO catalogue_attribute (service_code, code, datatype,"
                                    + " required, description, position) VALUES (:service, :code,"
                                    + " :datatype, :required, :description, :position)")
                    .param("service", serviceCode)
                    .param("code", attribute.code())
                    .param("datatype", attribute.datatype().wireValue())
                    .param("required", attribute.required())
                    .param("description", attribute.description())
                    .param("position", attribute.order())
                    .update();
            for (int i = 0; i < attribute.values().size(); i++) {
                AllowedValue value = attribute.values().get(i);
                jdbc.sql(
                                "INSERT INTO catalogue_attribute_value (service_code,"
                                        + " attribute_code, key, name, position) VALUES (:service,"
                                        + " :attribute, :key, :name, :position)")
                        .param("service", serviceCode)
                        .param("attribute", attribute.code())
                        .param("key", value.key())
                        .param("name", value.name())
                        .param("position", i + 1)
                        .update();
            }
        }
    }

    /** A service's version and whether it is withdrawn, as locked by {@link #lock(String)}. */
    record Lock(int version, boolean withdrawn) {}
}
