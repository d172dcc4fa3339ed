package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.cases.servicecase.PublishedCases;

/**
 * GeoReport v2 service requests: {@code POST requests} (with an api_key, see {@link ApiKeyFilter}),
 * {@code GET requests}, {@code GET requests/{id}}, {@code GET tokens/{token}}, and the widely used
 * extensions {@code page}/{@code page_size} and {@code GET servicerequestupdates}. Reads are
 * anonymous and see public-realm requests only (see {@link Open311Requests}).
 */
@RestController
@RequestMapping("/open311/v2")
class Open311RequestsController {

    /** "Default query limit is a span of 90 days or first 1000 requests returned." */
    static final Duration MAX_SPAN = Duration.ofDays(90);

    static final int MAX_RESULTS = 1000;
    static final int MAX_PAGE = 1_000_000;

    private final Open311Submissions submissions;
    private final Open311Requests requests;
    private final Jurisdiction jurisdiction;
    private final Clock clock;

    Open311RequestsController(
            Open311Submissions submissions,
            Open311Requests requests,
            Jurisdiction jurisdiction,
            Clock clock) {
        this.submissions = submissions;
        this.requests = requests;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
    }

    @PostMapping({"/requests.xml", "/requests.json"})
    ResponseEntity<byte[]> create(HttpServletRequest request) {
        jurisdiction.check(request);
        ApiKeys.ApiKeyIdentity app =
                (ApiKeys.ApiKeyIdentity) request.getAttribute(ApiKeyFilter.APP);
        if (app == null) {
            // The filter always sets it; without it nothing here may store a case.
            throw new Open311Exception(HttpStatus.FORBIDDEN, "api_key is required.");
        }
        Open311Submissions.Created created = submissions.submit(request.getParameterMap(), app);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("service_request_id", created.serviceRequestId().toString());
        // GeoReport v2: a server answers a service_request_id or, when it cannot create the
        // request at once, a token to look the id up later; never both. Ours exists at once.
        response.put("service_notice", created.serviceNotice());
        Open311Format format = Open311Format.ofPath(request.getRequestURI());
        return ResponseEntity.created(
                        URI.create(
                                "/open311/v2/requests/"
                                        + created.serviceRequestId()
                                        + "."
                                        + format.name().toLowerCase(java.util.Locale.ROOT)))
                .contentType(format.contentType)
                .body(
                        Open311Document.render(
                                format,
                                "service_requests",
                                new Open311Document.Items("request", List.of(response))));
    }

    @GetMapping({"/requests.xml", "/requests.json"})
    ResponseEntity<byte[]> list(HttpServletRequest request) {
        jurisdiction.check(request);
        Paging paging = Paging.of(request);
        List<String> ids = values(request, "service_request_id");
        PublishedCases.Query query;
        if (!ids.isEmpty()) {
            // "This overrides all other arguments."
            if (ids.size() > MAX_RESULTS) {
                throw Open311Exception.badRequest(
                        "At most " + MAX_RESULTS + " service_request_id values at once.");
            }
            query = new PublishedCases.Query(uuids(ids), null, null, null, null, MAX_RESULTS, 0);
        } else {
            Window window = Window.of(request, clock);
            List<Open311Status> statuses = new ArrayList<>();
            values(request, "status").forEach(value -> statuses.add(Open311Status.fromWire(value)));
            query =
                    new PublishedCases.Query(
                            null,
                            values(request, "service_code"),
                            Open311Requests.caseStatuses(statuses),
                            window.start(),
                            window.end(),
                            paging.size(),
                            paging.offset());
        }
        List<Map<String, Object>> found =
                query.ids() != null && query.ids().isEmpty()
                        ? List.of()
                        : requests.requests(query, Viewer.current());
        return Open311Responses.ok(
                request, "service_requests", new Open311Document.Items("request", found));
    }

    @GetMapping({"/requests/{id}.xml", "/requests/{id}.json"})
    ResponseEntity<byte[]> one(@PathVariable String id, HttpServletRequest request) {
        jurisdiction.check(request);
        List<UUID> ids = uuids(List.of(id));
        List<Map<String, Object>> found =
                ids.isEmpty()
                        ? List.of()
                        : requests.requests(
                                new PublishedCases.Query(ids, null, null, null, null, 1, 0),
                                Viewer.current());
        if (found.isEmpty()) {
            // The same answer for a request that does not exist and one the caller may not see.
            throw Open311Exception.notFound("service_request_id '" + id + "' was not found.");
        }
        return Open311Responses.ok(
                request, "service_requests", new Open311Document.Items("request", found));
    }

    @GetMapping({"/tokens/{token}.xml", "/tokens/{token}.json"})
    ResponseEntity<byte[]> token(@PathVariable String token, HttpServletRequest request) {
        jurisdiction.check(request);
        UUID id =
                (token.length() <= 64 ? requests.byToken(token) : java.util.Optional.<UUID>empty())
                        .orElseThrow(() -> Open311Exception.notFound("token was not found."));
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("service_request_id", id.toString());
        found.put("token", token);
        return Open311Responses.ok(
                request, "service_requests", new Open311Document.Items("request", List.of(found)));
    }

    @GetMapping({"/servicerequestupdates.xml", "/servicerequestupdates.json"})
    ResponseEntity<byte[]> updates(HttpServletRequest request) {
        jurisdiction.check(request);
        Window window = Window.of(request, clock);
        Paging paging = Paging.of(request);
        return Open311Responses.ok(
                request,
                "service_request_updates",
                new Open311Document.Items(
                        "request_update",
                        requests.updates(
                                window.start(),
                                window.end(),
                                paging.size(),
                                paging.offset(),
                                Viewer.current())));
    }

    /** A parameter's values, whether repeated or comma-delimited; empty ones are "not sent". */
    private static List<String> values(HttpServletRequest request, String name) {
        List<String> values = new ArrayList<>();
        String[] given = request.getParameterValues(name);
        if (given != null) {
            for (String value : given) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    /** The ids that can be ours; any other value names no request, so it simply matches none. */
    private static List<UUID> uuids(List<String> values) {
        List<UUID> ids = new ArrayList<>();
        for (String value : values) {
            if (value.length() == 36) {
                try {
                    ids.add(UUID.fromString(value));
                } catch (IllegalArgumentException notOurs) {
                    // Not an id of ours.
                }
            }
        }
        return ids;
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            return null;
        }
        if (values.length > 1) {
            throw Open311Exception.badRequest(name + " was sent more than once.");
        }
        return values[0];
    }

    /**
     * start_date and end_date: "may not span more than 90 days"; when not specified, "the range
     * defaults to most recent 90 days". With one of them, the window is the 90 days after the start
     * or before the end.
     */
    record Window(Instant start, Instant end) {

        static Window of(HttpServletRequest request, Clock clock) {
            String startText = single(request, "start_date");
            String endText = single(request, "end_date");
            Instant start = startText == null ? null : W3cDates.parse("start_date", startText);
            Instant end = endText == null ? null : W3cDates.parse("end_date", endText);
            if (start == null && end == null) {
                end = Instant.now(clock);
                start = end.minus(MAX_SPAN);
            } else if (start == null) {
                start = end.minus(MAX_SPAN);
            } else if (end == null) {
                end = start.plus(MAX_SPAN);
            }
            if (end.isBefore(start)) {
                throw Open311Exception.badRequest("end_date is before start_date.");
            }
            if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                throw Open311Exception.badRequest(
                        "start_date and end_date may not span more than 90 days.");
            }
            return new Window(start, end);
        }
    }

    /**
     * The paging extension: {@code page} from 1, {@code page_size} up to the spec's 1000 results,
     * which is also the default.
     */
    record Paging(int size, long offset) {

        static Paging of(HttpServletRequest request) {
            int page = positive(request, "page", 1, MAX_PAGE);
            int size = positive(request, "page_size", MAX_RESULTS, MAX_RESULTS);
            return new Paging(size, (long) (page - 1) * size);
        }

        private static int positive(
                HttpServletRequest request, String name, int otherwise, int max) {
            String value = single(request, name);
            if (value == null) {
                return otherwise;
            }
            if (value.matches("[0-9]{1,7}")) {
                int number = Integer.parseInt(value);
                if (number >= 1 && number <= max) {
                    return number;
                }
            }
            throw Open311Exception.badRequest(
                    name + " must be a whole number from 1 to " + max + ".");
        }
    }
}
