package uk.gov.hertfordshire.cases.servicecase;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a case is in its life. Stored and published as the lower-case wire value ({@code
 * in_progress}). Which status follows which is decided by {@code lifecycle.CaseAction}, not here.
 */
public enum CaseStatus {
    SUBMITTED,
    TRIAGED,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    REOPENED,
    REJECTED,
    DUPLICATE;

    /** Statuses in which the council still owes the citizen something: the backlog. */
    public static final Set<CaseStatus> OPEN =
            EnumSet.of(SUBMITTED, TRIAGED, ASSIGNED, IN_PROGRESS, REOPENED);

    /** The stored and published form, e.g. {@code in_progress}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the case is still being worked (see {@link #OPEN}). */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /**
     * The status with this wire value.
     *
     * @throws IllegalArgumentException naming the known statuses
     */
    public static CaseStatus fromWire(String value) {
        return Arrays.stream(values())
                .filter(status -> status.wireValue().equals(value))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "status '"
                                                + value
                                                + "' is not one of "
                                                + Arrays.stream(values())
                                                        .map(CaseStatus::wireValue)
                                                        .collect(Collectors.joining(", "))));
    }

    /** The wire values of the open statuses, for SQL {@code IN} lists. */
    public static List<String> openWireValues() {
        return OPEN.stream().map(CaseStatus::wireValue).toList();
    }
}
