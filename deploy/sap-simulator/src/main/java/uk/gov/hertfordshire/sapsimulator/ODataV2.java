package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** OData v2's JSON answers as SAP gateways write them: {@code d.results}, dates, errors, paging. */
final class ODataV2 {

    /** The most a page holds when the client does not say. */
    static final int SERVER_PAGE = 1000;

    private ODataV2() {}

    /** {@code /Date(<ms>)/}, OData v2's JSON form of Edm.DateTime (midnight UTC for a date). */
    static String date(LocalDate date) {
        return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/";
    }

    /** {@code /Date(<ms>+0000)/}, SuccessFactors' form of Edm.DateTimeOffset. */
    static String dateTimeOffset(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }

    /**
     * Answers a query on an entity set: filters with {@code $filter}, pages with {@code $top} and
     * {@code $skip} (a server page with a {@code __next} link when the client sets no top).
     */
    static <T> void query(
            HttpExchange exchange,
            List<T> entities,
            Function<T, Map<String, Object>> filterView,
            Function<T, Map<String, Object>> jsonView)
            throws IOException {
        query(exchange, entities, filterView, jsonView, Map.of());
    }

    /**
     * As {@link #query(HttpExchange, List, Function, Function)}, with implicit conditions: a
     * property the client's {@code $filter} does not name must hold one of the given values (as
     * SuccessFactors returns only active users unless the filter names {@code status}).
     */
    static <T> void query(
            HttpExchange exchange,
            List<T> entities,
            Function<T, Map<String, Object>> filterView,
            Function<T, Map<String, Object>> jsonView,
            Map<String, List<String>> unlessNamed)
            throws IOException {
        Map<String, String> params = Http.query(exchange);
        ODataFilter filter;
        int top;
        int skip;
        try {
            filter = ODataFilter.parse(params.get("$filter"));
            top = Integer.parseInt(params.getOrDefault("$top", String.valueOf(SERVER_PAGE)));
            skip = Integer.parseInt(params.getOrDefault("$skip", "0"));
            if (top < 0 || skip < 0) {
                throw new ODataFilter.InvalidFilterException("$top and $skip must not be negative");
            }
        } catch (NumberFormatException malformed) {
            error(exchange, 400, "/IWBEP/CM_MGW_RT/004", "Invalid system query option value");
            return;
        } catch (ODataFilter.InvalidFilterException invalid) {
            error(exchange, 400, "/IWBEP/CM_MGW_RT/022", invalid.getMessage());
            return;
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        try {
            for (T entity : entities) {
                Map<String, Object> view = filterView.apply(entity);
                boolean implicitlyLeftOut =
                        unlessNamed.entrySet().stream()
                                .anyMatch(
                                        implicit ->
                                                !filter.mentions(implicit.getKey())
                                                        && !implicit.getValue()
                                                                .contains(
                                                                        view.get(
                                                                                implicit
                                                                                        .getKey())));
                if (!implicitlyLeftOut && filter.test(view)) {
                    matching.add(jsonView.apply(entity));
                }
            }
        } catch (ODataFilter.InvalidFilterException invalid) {
            error(exchange, 400, "/IWBEP/CM_MGW_RT/022", invalid.getMessage());
            return;
        }
        boolean clientPaged = params.containsKey("$top");
        int pageSize = clientPaged ? top : Math.min(top, SERVER_PAGE);
        int end = Math.min(matching.size(), skip + pageSize);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("results", skip >= matching.size() ? List.of() : matching.subList(skip, end));
        if (!clientPaged && end < matching.size()) {
            String path = exchange.getRequestURI().getRawPath();
            String raw = exchange.getRequestURI().getRawQuery();
            String rest = raw == null ? "" : raw.replaceAll("(^|&)\\$skip=[0-9]*", "");
            d.put("__next", path + "?" + rest + (rest.isEmpty() ? "" : "&") + "$skip=" + end);
        }
        Http.json(exchange, 200, Map.of("d", d));
    }

    /** An OData v2 error document. */
    static void error(HttpExchange exchange, int status, String code, String message)
            throws IOException {
        Http.json(
                exchange,
                status,
                Map.of(
                        "error",
                        Map.of("code", code, "message", Map.of("lang", "en", "value", message))));
    }
}
