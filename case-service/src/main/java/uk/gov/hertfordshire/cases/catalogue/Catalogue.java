package uk.gov.hertfordshire.cases.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalogue as the rest of case-service reads it: the services that take new cases, their
 * questions, and a check of a report's answers against them.
 *
 * <p>Every submission and every catalogue read needs it, and it changes a few times a year, so it
 * is read from PostgreSQL once and held in memory until {@link CatalogueChanges} says it changed —
 * in this instance at once, in every other within a second (ADR 23). While changes cannot be heard
 * every read goes to the database. ADMIN's changes read the stored rows inside their own
 * transaction ({@link #stored(String)}).
 */
@Repository
public class Catalogue {

    private static final String VERSION_COLUMNS =
            "code, name, service_group, description, keywords, response_target, response_unit,"
                    + " responsible_team, fee_pence, available_online, available_open311,"
                    + " public_realm, version, changed_at, withdrawn_at";

    private final JdbcClient jdbc;
    private final CatalogueChanges changes;
    private volatile Held held;

    Catalogue(JdbcClient jdbc, CatalogueChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** The services civic apps may report through Open311 now (withdrawn ones are not). */
    public List<CatalogueEntry> availableThroughOpen311() {
        return now().open311();
    }

    /**
     * The service with this code, if it takes new cases: a withdrawn service is not found here (its
     * old cases keep its code; {@link #findIncludingWithdrawn(String)} still finds it).
     */
    public Optional<CatalogueEntry> find(String code) {
        Snapshot catalogue = now();
        return catalogue.withdrawn(code)
                ? Optional.empty()
                : Optional.ofNullable(catalogue.entries().get(code));
    }

    /**
     * The service of a case already made, withdrawn or not: a withdrawn service's cases keep its
     * code, its fee and its public-realm rule. For a new case use {@link #find(String)}.
     */
    public Optional<CatalogueEntry> findIncludingWithdrawn(String code) {
        return Optional.ofNullable(now().entries().get(code));
    }

    /**
     * The questions to ask when a case of this service is reported, in order (Open311's {@code
     * attributes} of {@code services/{code}}); empty for a service without questions or with no
     * such code.
     */
    public List<ServiceAttribute> attributesOf(String serviceCode) {
        ServiceVersion service = now().versions().get(serviceCode);
        return service == null ? List.of() : service.definition().attributes();
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

    /** The service with this code, withdrawn or not. */
    Optional<ServiceVersion> version(String code) {
        return Optional.ofNullable(now().versions().get(code));
    }

    /** Every service, withdrawn ones included, by code. */
    List<ServiceVersion> versions() {
        return List.copyOf(now().versions().values());
    }

    /**
     * The service with this code as stored in the database, read inside the caller's transaction:
     * for a change, which must see its own writes and rows other writers have just committed.
     */
    Optional<ServiceVersion> stored(String code) {
        Map<String, List<ServiceAttribute>> attributes = attributes(code);
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query((rs, row) -> version(rs, attributes))
                .optional();
    }

    /** The catalogue as held, or as read afresh if it may have changed since. */
    private Snapshot now() {
        long generation = changes.generation();
        Held current = held;
        if (generation != CatalogueChanges.UNKNOWN
                && current != null
                && current.generation() == generation) {
            return current.snapshot();
        }
        Snapshot read = read();
        if (generation != CatalogueChanges.UNKNOWN) {
            // Tagged with the generation seen before reading: a change committed meanwhile has
            // moved it on, so this copy is never used past that change.
            held = new Held(generation, read);
        }
        return read;
    }

    /** Every service with its questions, in two statements. */
    private Snapshot read() {
        Map<String, List<ServiceAttribute>> attributes = attributes(null);
        List<ServiceVersion> all =
                jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM catalogue_service ORDER BY code")
                        .query((rs, row) -> version(rs, attributes))
                        .list();
        return Snapshot.of(all);
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

    /** The catalogue read at one generation. */
    private record Held(long generation, Snapshot snapshot) {}

    /** Every service read at one moment, by code, with the views the readers need. */
    private record Snapshot(
            Map<String, ServiceVersion> versions,
            Map<String, CatalogueEntry> entries,
            List<CatalogueEntry> open311) {

        static Snapshot of(List<ServiceVersion> all) {
            Map<String, ServiceVersion> versions = new TreeMap<>();
            Map<String, CatalogueEntry> entries = new TreeMap<>();
            List<CatalogueEntry> open311 = new ArrayList<>();
            for (ServiceVersion service : all) {
                CatalogueEntry entry = entry(service.definition());
                versions.put(service.code(), service);
                entries.put(service.code(), entry);
                if (entry.availableOpen311() && !service.withdrawn()) {
                    open311.add(entry);
                }
            }
            return new Snapshot(
                    Collections.unmodifiableMap(versions),
                    Collections.unmodifiableMap(entries),
                    List.copyOf(open311));
        }

        boolean withdrawn(String code) {
            ServiceVersion service = versions.get(code);
            return service == null || service.withdrawn();
        }

        private static CatalogueEntry entry(ServiceDefinition service) {
            return new CatalogueEntry(
                    service.code(),
                    service.name(),
                    service.group(),
                    service.description(),
                    service.keywords(),
                    service.responseTarget(),
                    service.responseUnit(),
                    service.teamCode(),
                    service.feePence(),
                    service.availableOnline(),
                    service.availableOpen311(),
                    service.publicRealm());
        }
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
