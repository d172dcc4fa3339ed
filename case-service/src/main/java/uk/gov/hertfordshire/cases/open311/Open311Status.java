package uk.gov.hertfordshire.cases.open311;

import java.util.List;
import java.util.Locale;

/**
 * GeoReport v2 has two statuses: {@code open} ("it has been reported") and {@code closed} ("it has
 * been resolved"). The case statuses of the lifecycle (V5 migration) map onto them: a case the
 * council is still working on is open; one it resolved, closed, rejected or merged as a duplicate
 * is closed.
 */
enum Open311Status {
    OPEN(List.of("submitted", "triaged", "assigned", "in_progress", "reopened")),
    CLOSED(List.of("resolved", "closed", "rejected", "duplicate"));

    final List<String> caseStatuses;

    Open311Status(List<String> caseStatuses) {
        this.caseStatuses = caseStatuses;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Open311 status of a case status; an unknown one counts as open (still with us). */
    static String of(String caseStatus) {
        return CLOSED.caseStatuses.contains(caseStatus) ? CLOSED.wire() : OPEN.wire();
    }

    /**
     * @throws Open311Exception 400 for anything but {@code open} or {@code closed}
     */
    static Open311Status fromWire(String value) {
        for (Open311Status status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw Open311Exception.badRequest("status must be open or closed.");
    }
}
