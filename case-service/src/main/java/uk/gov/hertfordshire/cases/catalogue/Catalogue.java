package uk.gov.hertfordshire.cases.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalogue in PostgreSQL, as the rest of case-service reads it: the services that take new
 * cases, their questions, and a check of a report's answers against them.
 */
@Repository
public class Catalogue {

    private static final String COLUMNS =
            "code, name, service_group AS \"group\", description, keywords, response_target, response_unit,"
                    + " responsible_team, fee_pence, available_online, available_open311,"
                    + " public_realm";

    private static final String VERSION_COLUMNS =
            "code, name, service_group, description, keywords, response_target, response_unit,"
                    + " responsible_team, fee_pence, available_online, available_open311,"
                    + " public_realm, version, changed_at, withdrawn_at";

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The services civic apps may report through Open311 now (withdrawn ones are not). */
    public List<CatalogueEntry> availableThroughOpen311() {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM catalogue_service WHERE available_open311"
                                + " AND withdrawn_at IS NULL ORDER BY code")
                .query(CatalogueEntry.class)
                .list();
    }

    /**
     * The service with this code, if it takes new cases: a withdrawn service is not found here (its
     * old cases keep its code; {@link #findIncludingWithdrawn(String)} still finds it).
     */
    public Optional<CatalogueEntry> find(String code) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM catalogue_service WHERE code = :code"
                                + " AND withdrawn_at IS NULL")
                .param("code", code)
                .query(CatalogueEntry.class)
                .optional();
    }

    /**
     * The service of a case already made, withdrawn or not: a withdrawn service's cases keep its
     * code, its fee and its public-realm rule. For a new case use {@link #find(String)}.
     */
    public Optional<CatalogueEntry> findIncludingWithdrawn(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(CatalogueEntry.class)
                .optional();
    }

    /**
     * The questions to ask when a case of this service is reported, in order (Open311's {@code
     * attributes} of {@code services/{code}}); empty for a service without questions or with no
     * such code.
     */
    public List<ServiceAttribute> attributesOf(String serviceCode) {
        return attributes(serviceCode).getOrDefault(serviceCode, List.of());
    }

    /**
     * What is wrong with a report's answers to this service's questions, each problem naming the
     * attribute's code; empty when they are fine. See {@link AttributeAnswers} for the rules.
     *
     * @param answers by attribute code; a single-valued question's answer is a list of one (as
     *     Open311's {@code attribute[code]} form fields arrive); null for none
     * @throws IllegalArgumentException if the service is not in the catalogue or is withdrawn
     */
    public List<FieldProblem> checkAnswers(String serviceCode, Map<String, List<String>> answers) {
        return checkAnswers(serviceCode, answers, true);
    }

    /**
     * As {@link #checkAnswers(String, Map)}, but with {@code requireAll} false a required question
     * may go unanswered (an agent records what the caller could say); answers given are still
     * checked.
     */
    public List<FieldProblem> checkAnswers(
            String serviceCode, Map<String, List<String>> answers, boolean requireAll) {
        if (find(serviceCode).isEmpty()) {
            throw new IllegalArgumentException(
                    "serviceCode '" + serviceCode + "' is not in the service catalogue");
        }
        List<ServiceAttribute> questions = attributesOf(serviceCode);
        if (!requireAll) {
            questions =
                    questions.stream()
                            .map(
                                    q ->
                                            new ServiceAttribute(
                                                    q.code(),
                                                    q.datatype(),
                                                    false,
                                                    q.description(),
                                                    q.order(),
                                                    q.values()))
                            .toList();
        }
        return AttributeAnswers.check(questions, answers);
    }

    /** The service with this code as stored now, withdrawn or not. */
    Optional<ServiceVersion> version(String code) {
        Map<String, List<ServiceAttribute>> attributes = attributes(code);
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query((rs, row) -> version(rs, attributes))
                .optional();
    }

    /** Every service as stored now, withdrawn ones included, by code. */
    List<ServiceVersion> versions() {
        Map<String, List<ServiceAttribute>> attributes = attributes(null);
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM catalogue_service ORDER BY code")
                .query((rs, row) -> version(rs, attributes))
                .list();
    }

    private static ServiceVersion version(
            ResultSet rs, Map<String, List<ServiceAttribute>> attributes) throws SQLException {
        String code = rs.getString("code");
        int fee = rs.getInt("fee_pence");
        Integer feePence = rs.wasNull() ? null : fee;
        return new ServiceVersion(
                new ServiceDefinition(
                        code,
                        rs.getString("name"),
                        rs.getString("service_group"),
                        rs.getString("description"),
                        rs.getString("keywords"),
                        rs.getInt("response_target"),
                        rs.getString("response_unit"),
                        rs.getString("responsible_team"),
                        feePence,
                        rs.getBoolean("available_online"),
                        rs.getBoolean("available_open311"),
                        rs.getBoolean("public_realm"),
                        attributes.getOrDefault(code, List.of())),
                rs.getInt("version"),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getTimestamp("withdrawn_at") == null
                        ? null
                        : rs.getTimestamp("withdrawn_at").toInstant());
    }

    /** The attributes of one service, or of all when the code is null, by service code. */
    private Map<String, List<ServiceAttribute>> attributes(String serviceCode) {
        List<AttributeRow> rows =
                jdbc.sql(
                                "SELECT a.service_code, a.code, a.datatype, a.required,"
                                        + " a.description, a.position, v.key, v.name"
                                        + " FROM catalogue_attribute a"
                                        + " LEFT JOIN catalogue_attribute_value v"
                                        + " ON v.service_code = a.service_code"
                                        + " AND v.attribute_code = a.code"
                                        + " WHERE (CAST(:code AS text) IS NULL"
                                        + " OR a.service_code = :code)"
                                        + " ORDER BY a.service_code, a.position, v.position")
                        .param("code", serviceCode)
                        .query(
                                (rs, row) ->
                                        new AttributeRow(
                                                rs.getString("service_code"),
                                                rs.getString("code"),
                                                rs.getString("datatype"),
                                                rs.getBoolean("required"),
                                                rs.getString("description"),
                                                rs.getInt("position"),
                                                rs.getString("key"),
                                                rs.getString("name")))
                        .list();
        Map<String, Map<String, AttributeRow>> first = new LinkedHashMap<>();
        Map<String, Map<String, List<AllowedValue>>> values = new LinkedHashMap<>();
        for (AttributeRow row : rows) {
            first.computeIfAbsent(row.serviceCode(), c -> new LinkedHashMap<>())
                    .putIfAbsent(row.code(), row);
            List<AllowedValue> allowed =
                    values.computeIfAbsent(row.serviceCode(), c -> new LinkedHashMap<>())
                            .computeIfAbsent(row.code(), c -> new ArrayList<>());
            if (row.key() != null) {
                allowed.add(new AllowedValue(row.key(), row.name()));
            }
        }
        Map<String, List<ServiceAttribute>> byService = new LinkedHashMap<>();
        first.forEach(
                (service, attributes) ->
                        byService.put(
                                service,
                                attributes.values().stream()
                                        .map(
                                                row ->
                                                        new ServiceAttribute(
                                                                row.code(),
                                                                AttributeDatatype.fromWire(
                                                                                row.datatype())
                                                                        .orElseThrow(),
                                                                row.required(),
                                                                row.description(),
                                                                row.position(),
                                                                values.get(service)
                                                                        .get(row.code())))
                                        .toList()));
        return byService;
    }

    private record AttributeRow(
            String serviceCode,
            String code,
            String datatype,
            boolean required,
            String description,
            int position,
            String key,
            String name) {}
}
