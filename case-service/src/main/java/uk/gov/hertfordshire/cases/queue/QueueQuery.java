package uk.gov.hertfordshire.cases.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.cases.servicecase.CaseLists;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;
import uk.gov.hertfordshire.platform.events.Channel;

/** Reads and checks a staff queue's request parameters before any SQL is built. */
final class QueueQuery {

    static final int MAX_SIZE = 100;

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern STAFF_ID = Pattern.compile("[0-9]{8}");
    private static final Map<String, String> SORT_COLUMNS = CaseLists.SORT_COLUMNS;

    private QueueQuery() {}

    /**
     * Reads and checks the request parameters. Column names in the order come from a fixed map,
     * never from the request.
     *
     * @throws IllegalArgumentException naming every parameter that is wrong
     */
    static CaseLists.Filter parse(
            String status,
            String serviceCode,
            String team,
            String assignee,
            String channel,
            Boolean overdue,
            String sort,
            Integer page,
            Integer size) {
        List<String> problems = new ArrayList<>();
        List<CaseStatus> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String value : status.split(",")) {
                try {
                    statuses.add(CaseStatus.fromWire(value.trim()));
                } catch (IllegalArgumentException unknown) {
                    problems.add(unknown.getMessage());
                }
            }
        }
        checkPattern(serviceCode, CODE, "serviceCode", problems);
        checkPattern(team, CODE, "team", problems);
        checkPattern(assignee, STAFF_ID, "assignee", problems);
        Channel parsedChannel = null;
        if (channel != null) {
            try {
                parsedChannel = Channel.fromWire(channel);
            } catch (IllegalArgumentException unknown) {
                problems.add(unknown.getMessage());
            }
        }
        String order = sort == null ? "dueAt" : sort;
        if (!SORT_COLUMNS.containsKey(order.startsWith("-") ? order.substring(1) : order)) {
            problems.add(
                    "sort '"
                            + order
                            + "' must be one of "
                            + String.join(", ", SORT_COLUMNS.keySet().stream().sorted().toList())
                            + ", optionally preceded by -");
        }
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0) {
            problems.add("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            problems.add("size must be between 1 and " + MAX_SIZE);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new CaseLists.Filter(
                List.copyOf(statuses),
                serviceCode,
                team,
                assignee,
                parsedChannel,
                Boolean.TRUE.equals(overdue),
                order,
                pageNumber,
                pageSize);
    }

    private static void checkPattern(
            String value, Pattern pattern, String name, List<String> problems) {
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(name + " '" + abbreviate(value) + "' is not a valid " + name);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
