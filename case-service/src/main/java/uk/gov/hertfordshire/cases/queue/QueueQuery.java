package uk.gov.hertfordshire.cases.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.cases.lifecycle.CaseStatus;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * A staff queue's filters, order and page, checked before any SQL is built. Column names in the
 * order come from a fixed map, never from the request.
 *
 * @param statuses only these statuses (empty: every open status — the backlog)
 * @param serviceCode only this service, or null
 * @param teamCode only this team, or null
 * @param assigneeStaffId only this officer's cases, or null
 * @param channel only this channel, or null
 * @param overdue only cases past their due time and still open, if true
 * @param sort {@code dueAt}, {@code submittedAt} or {@code updatedAt}, {@code -} first for
 *     newest/latest first
 */
record QueueQuery(
        List<CaseStatus> statuses,
        String serviceCode,
        String teamCode,
        String assigneeStaffId,
        Channel channel,
        boolean overdue,
        String sort,
        int page,
        int size) {

    static final int MAX_SIZE = 100;

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern STAFF_ID = Pattern.compile("[0-9]{8}");
    private static final Map<String, String> SORT_COLUMNS =
            Map.of("dueAt", "due_at", "submittedAt", "submitted_at", "updatedAt", "updated_at");

    /**
     * Reads and checks the request parameters.
     *
     * @throws IllegalArgumentException naming every parameter that is wrong
     */
    static QueueQuery parse(
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
        return new QueueQuery(
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

    /** The statuses to list: those asked for, or the open ones. */
    List<String> statusWireValues() {
        return statuses.isEmpty()
                ? CaseStatus.openWireValues()
                : statuses.stream().map(CaseStatus::wireValue).toList();
    }

    /** The ORDER BY clause, from the fixed column map; ties broken by id for stable pages. */
    String orderBy() {
        boolean descending = sort.startsWith("-");
        String column = SORT_COLUMNS.get(descending ? sort.substring(1) : sort);
        return column + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", id";
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
