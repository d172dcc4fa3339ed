package uk.gov.hertfordshire.sap.connection;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SAP SuccessFactors Employee Central's OData v2 API, entity {@code User}: the personnel number
 * ({@code userId}), team ({@code department}), platform roles (custom field {@code custom01},
 * space-separated), cost centre ({@code custom02}), {@code status} ({@code t} active, {@code f}
 * inactive; the text forms {@code active} and {@code inactive} are read too) and {@code
 * lastModifiedDateTime} for delta reads. Names and emails are never selected. Every read of {@code
 * User} asks for every status ({@code status in 't','f','T','F','e','d'}, SAP KBA 2736579): without
 * a condition on {@code status}, SuccessFactors returns active users only (SAP KBA 2736579), and
 * leavers would never be seen. Entity {@code FODepartment}: the org unit ({@code externalCode}),
 * its {@code parent}, {@code costCenter}, {@code status} ({@code A} or {@code I}) and {@code
 * lastModifiedDateTime}.
 */
public final class SuccessFactorsClient implements SapHr {

    static final String USER_PATH = "/odata/v2/User";
    static final String DEPARTMENT_PATH = "/odata/v2/FODepartment";
    private static final int PAGE = 1000;

    /** Active and inactive users: the implicit filter of a User query is active ones only. */
    static final String USER_STATUSES = "status in 't','f','T','F','e','d'";

    private static final String USER_SELECT =
            "userId,department,custom01,custom02,status,lastModifiedDateTime";
    private static final String DEPARTMENT_SELECT =
            "externalCode,parent,costCenter,status,lastModifiedDateTime";
    private static final Pattern OFFSET_DATE =
            Pattern.compile("/Date\\((-?[0-9]+)([+-][0-9]{4})?\\)/");

    private final RestClient http;
    private final int pageSize;
    private final JsonMapper json = JsonMapper.builder().build();

    public SuccessFactorsClient(RestClient http) {
        this(http, PAGE);
    }

    /**
     * A client asking for {@code pageSize} records a page rather than {@link #PAGE}
     * (SuccessFactors' own largest page): tests read a few hundred staff in several pages with it.
     */
    public SuccessFactorsClient(RestClient http, int pageSize) {
        if (pageSize < 1 || pageSize > PAGE) {
            throw new IllegalArgumentException("A page of 1 to " + PAGE + " records");
        }
        this.http = http;
        this.pageSize = pageSize;
    }

    @Override
    public void employeesChangedSince(Instant since, Consumer<List<Employee>> page) {
        read(
                USER_PATH,
                USER_SELECT,
                "userId",
                USER_STATUSES,
                since,
                SuccessFactorsClient::employee,
                page);
    }

    @Override
    public void orgUnitsChangedSince(Instant since, Consumer<List<OrgUnit>> page) {
        read(
                DEPARTMENT_PATH,
                DEPARTMENT_SELECT,
                "externalCode",
                null,
                since,
                SuccessFactorsClient::orgUnit,
                page);
    }

    /**
     * Reads an entity set changed at or after {@code since}, in the order of {@code
     * lastModifiedDateTime} then {@code key}, a page at a time, with {@code always} (if not null)
     * as a further condition. Each page after the first asks for what comes after the last record
     * read (keyset paging), not for an offset: a record changing during the read moves to the end
     * of the order, and with {@code $skip} every record after it would shift left one place and the
     * one at the page boundary would never be read. The keyset's {@code or} stays in parentheses
     * with {@code always} outside: SuccessFactors drops User's implicit active-only condition when
     * status is named anywhere, but {@code always} must hold for every record.
     */
    private <T> void read(
            String path,
            String select,
            String key,
            String always,
            Instant since,
            Function<JsonNode, T> map,
            Consumer<List<T>> page) {
        String orderBy = "lastModifiedDateTime asc," + key + " asc";
        String from = since == null ? null : "lastModifiedDateTime ge " + offset(since);
        while (true) {
            String filter = always == null ? from : from == null ? always : always + " and " + from;
            JsonNode results = get(path, select, orderBy, filter);
            List<T> records = new ArrayList<>();
            for (JsonNode result : results) {
                records.add(map.apply(result));
            }
            if (!records.isEmpty()) {
                page.accept(records);
            }
            if (results.size() < pageSize) {
                return;
            }
            JsonNode last = results.get(results.size() - 1);
            String changed = offset(instant(last.path("lastModifiedDateTime").asString()));
            String id = "'" + last.path(key).asString().replace("'", "''") + "'";
            from =
                    "(lastModifiedDateTime gt "
                            + changed
                            + " or (lastModifiedDateTime eq "
                            + changed
                            + " and "
                            + key
                            + " gt "
                            + id
                            + "))";
        }
    }

    /** One page: the first {@code pageSize} records passing the filter, in order. */
    private JsonNode get(String path, String select, String orderBy, String filter) {
        try {
            String body =
                    http.get()
                            .uri(
                                    builder -> {
                                        builder.path(path)
                                                .queryParam("$select", select)
                                                .queryParam("$orderby", orderBy)
                                                .queryParam("$top", pageSize)
                                                .queryParam("$format", "json");
                                        if (filter != null) {
                                            builder.queryParam("$filter", "{filter}");
                                        }
                                        return builder.build(
                                                Map.of("filter", filter == null ? "" : filter));
                                    })
                            .accept(MediaType.APPLICATION_JSON)
                            .exchange(
                                    (req, res) -> {
                                        String text =
                                                new String(res.getBody().readAllBytes(), "UTF-8");
                                        if (res.getStatusCode().value() != 200) {
                                            throw new SapUnavailableException(
                                                    "SuccessFactors answered "
                                                            + res.getStatusCode().value());
                                        }
                                        return text;
                                    });
            return json.readTree(body).path("d").path("results");
        } catch (RestClientException unanswered) {
            throw new SapUnavailableException("SuccessFactors did not answer", unanswered);
        }
    }

    /**
     * An OData v2 {@code datetimeoffset} literal, to the millisecond as SuccessFactors keeps it.
     */
    private static String offset(Instant instant) {
        return "datetimeoffset'"
                + DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS))
                + "'";
    }

    private static OrgUnit orgUnit(JsonNode department) {
        String parent = department.path("parent").asString("");
        String costCentre = department.path("costCenter").asString("");
        return new OrgUnit(
                department.path("externalCode").asString(),
                parent.isEmpty() ? null : parent,
                costCentre.isEmpty() ? null : costCentre,
                "A".equals(department.path("status").asString()),
                instant(department.path("lastModifiedDateTime").asString()));
    }

    private static Employee employee(JsonNode user) {
        String roles = user.path("custom01").asString("").strip();
        String costCentre = user.path("custom02").asString("");
        return new Employee(
                user.path("userId").asString(),
                user.path("department").asString(),
                costCentre.isEmpty() ? null : costCentre,
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split("\\s+")),
                isActive(user.path("status").asString()),
                instant(user.path("lastModifiedDateTime").asString()));
    }

    /**
     * Whether a User's status is an active one: {@code t} (active), {@code T} (active external),
     * {@code e} (active external suite), or their text forms; {@code f}, {@code F}, {@code d} and
     * {@code inactive…} are not.
     */
    static boolean isActive(String status) {
        return switch (status) {
            case "t", "T", "e", "active", "active_external", "active_external_suite" -> true;
            default -> false;
        };
    }

    /** SuccessFactors' {@code /Date(<ms>+0000)/}. */
    static Instant instant(String value) {
        Matcher m = OFFSET_DATE.matcher(value);
        if (!m.matches()) {
            throw new SapUnavailableException("SuccessFactors sent an unreadable date: " + value);
        }
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    }
}
