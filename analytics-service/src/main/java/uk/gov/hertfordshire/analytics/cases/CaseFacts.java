package uk.gov.hertfordshire.analytics.cases;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.analytics.projection.Columns;

/**
 * A batch's changes to {@code case_fact}, one per case, written with one upsert whose rules are
 * those {@link CaseFactChange} folds by: applying a change to a row gives what applying its events
 * one by one would, whatever the row held.
 */
final class CaseFacts {

    private static final String NEWEST_STATUS =
            "status = CASE WHEN f.status_at IS NULL OR EXCLUDED.status_at >= f.status_at THEN"
                    + " EXCLUDED.status ELSE f.status END, status_at = greatest(f.status_at,"
                    + " EXCLUDED.status_at)";

    /** A change without a due time leaves the row's alone. */
    private static final String NEWEST_DUE =
            "due_at = CASE WHEN EXCLUDED.due_set_at IS NOT NULL AND (f.due_set_at IS NULL OR"
                    + " EXCLUDED.due_set_at >= f.due_set_at) THEN EXCLUDED.due_at ELSE f.due_at"
                    + " END, due_set_at = greatest(f.due_set_at, EXCLUDED.due_set_at)";

    private static final String NEWEST_TEAM =
            "team_code = CASE WHEN EXCLUDED.team_at IS NOT NULL AND (f.team_at IS NULL OR"
                    + " EXCLUDED.team_at >= f.team_at) THEN EXCLUDED.team_code ELSE f.team_code"
                    + " END, team_at = greatest(f.team_at, EXCLUDED.team_at)";

    private static final String NEWER_RESOLUTION =
            "EXCLUDED.resolved_at IS NOT NULL AND (f.resolved_at IS NULL OR EXCLUDED.resolved_at"
                    + " >= f.resolved_at)";

    private static final String UPSERT =
            "INSERT INTO case_fact AS f (generation, case_id, service_code, channel, area,"
                    + " submitted_at, submitted_day, times_counted, status, status_at, due_at,"
                    + " due_set_at, team_code, team_at, resolved_at, resolved_day, resolve_due_at,"
                    + " resolve_seconds, reopened_at) SELECT :generation, * FROM"
                    + " unnest(CAST(:caseIds AS uuid[]), :serviceCodes, :channels, :areas,"
                    + " CAST(:submittedAt AS timestamptz[]), CAST(:submittedDay AS date[]),"
                    + " :timesCounted, :statuses, CAST(:statusAt AS timestamptz[]),"
                    + " CAST(:dueAt AS timestamptz[]), CAST(:dueSetAt AS timestamptz[]),"
                    + " :teamCodes, CAST(:teamAt AS timestamptz[]),"
                    + " CAST(:resolvedAt AS timestamptz[]), CAST(:resolvedDay AS date[]),"
                    + " CAST(:resolveDueAt AS timestamptz[]), :resolveSeconds,"
                    + " CAST(:reopenedAt AS timestamptz[]))"
                    + " ON CONFLICT (generation, case_id) DO UPDATE SET"
                    // a submission sets the service; other events fill it only where none is known
                    + " service_code = CASE WHEN EXCLUDED.submitted_at IS NOT NULL THEN"
                    + " EXCLUDED.service_code ELSE coalesce(f.service_code, EXCLUDED.service_code)"
                    + " END, channel = coalesce(EXCLUDED.channel, f.channel),"
                    + " area = coalesce(EXCLUDED.area, f.area),"
                    + " submitted_at = coalesce(EXCLUDED.submitted_at, f.submitted_at),"
                    + " submitted_day = coalesce(EXCLUDED.submitted_day, f.submitted_day),"
                    + " times_counted = f.times_counted + EXCLUDED.times_counted, "
                    + NEWEST_STATUS
                    + ", "
                    + NEWEST_DUE
                    + ", "
                    + NEWEST_TEAM
                    + ", resolved_day = CASE WHEN "
                    + NEWER_RESOLUTION
                    + " THEN EXCLUDED.resolved_day ELSE f.resolved_day END,"
                    + " resolve_due_at = CASE WHEN "
                    + NEWER_RESOLUTION
                    + " THEN EXCLUDED.resolve_due_at ELSE f.resolve_due_at END,"
                    + " resolve_seconds = CASE WHEN "
                    + NEWER_RESOLUTION
                    + " THEN EXCLUDED.resolve_seconds ELSE f.resolve_seconds END,"
                    + " resolved_at = greatest(f.resolved_at, EXCLUDED.resolved_at),"
                    + " reopened_at = greatest(f.reopened_at, EXCLUDED.reopened_at)";

    /** By case id; written in its order (concurrent writers lock rows in the same order). */
    private final Map<UUID, CaseFactChange> changes = new HashMap<>();

    /** The change to one case, begun if this is its first event in the batch. */
    CaseFactChange of(String caseId) {
        return changes.computeIfAbsent(UUID.fromString(caseId), id -> new CaseFactChange());
    }

    /** Applies the changes to the generation's rows: one statement, none if there is nothing. */
    void write(JdbcClient jdbc, int generation) {
        if (changes.isEmpty()) {
            return;
        }
        Columns<Map.Entry<UUID, CaseFactChange>> columns =
                Columns.inKeyOrder(changes)
                        .text("caseIds", Map.Entry::getKey)
                        .text("serviceCodes", e -> e.getValue().serviceCode)
                        .text("channels", e -> e.getValue().channel)
                        .text("areas", e -> e.getValue().area)
                        .text("submittedAt", e -> e.getValue().submittedAt)
                        .text("submittedDay", e -> e.getValue().submittedDay)
                        .int4("timesCounted", e -> e.getValue().timesCounted)
                        .text("statuses", e -> e.getValue().status)
                        .text("statusAt", e -> e.getValue().statusAt)
                        .text("dueAt", e -> e.getValue().dueAt)
                        .text("dueSetAt", e -> e.getValue().dueSetAt)
                        .text("teamCodes", e -> e.getValue().teamCode)
                        .text("teamAt", e -> e.getValue().teamAt)
                        .text("resolvedAt", e -> e.getValue().resolvedAt)
                        .text("resolvedDay", e -> e.getValue().resolvedDay)
                        .text("resolveDueAt", e -> e.getValue().resolveDueAt)
                        .int8("resolveSeconds", e -> e.getValue().resolveSeconds)
                        .text("reopenedAt", e -> e.getValue().reopenedAt);
        jdbc.sql(UPSERT).param("generation", generation).params(columns.params()).update();
    }
}
