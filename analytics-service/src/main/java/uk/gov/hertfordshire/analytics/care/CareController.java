package uk.gov.hertfordshire.analytics.care;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.analytics.projection.Generations;

/**
 * {@code GET /api/analytics/care}: referrals by agency, category and decision, and timeliness
 * against each statutory clock (how many referrals breached it; how many decisions were made with
 * no decision clock breached). Counts only: ANALYST and ADMIN.
 */
@RestController
@PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")
class CareController {

    private final JdbcClient jdbc;
    private final Generations generations;

    CareController(JdbcClient jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @GetMapping("/api/analytics/care")
    CareReferrals referrals() {
        int generation = generations.served();
        return new CareReferrals(
                count(
                        generation,
                        "SELECT count(*) FROM care_referral_fact WHERE generation = :g"
                                + " AND received_at IS NOT NULL"),
                groups(generation, "agency_id"),
                groups(generation, "category"),
                groups(generation, "COALESCE(outcome, 'undecided')"),
                clocks(generation),
                count(
                        generation,
                        "SELECT count(*) FROM care_referral_fact WHERE generation = :g AND outcome"
                                + " IS NOT NULL AND NOT breached_clocks && ARRAY['child_decision',"
                                + " 's42_decision']"));
    }

    private long count(int generation, String sql) {
        return jdbc.sql(sql).param("g", generation).query(Long.class).single();
    }

    /** Counts by one column; {@code column} is one of this class's constants, never input. */
    private List<Count> groups(int generation, String column) {
        return jdbc.sql(
                        "SELECT "
                                + column
                                + " AS code, count(*) FROM care_referral_fact WHERE generation ="
                                + " :g AND received_at IS NOT NULL GROUP BY 1 ORDER BY 1")
                .param("g", generation)
                .query((rs, row) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }

    private List<Count> clocks(int generation) {
        return jdbc.sql(
                        "SELECT c, count(*) FROM care_referral_fact, unnest(breached_clocks) AS c"
                                + " WHERE generation = :g GROUP BY c ORDER BY c")
                .param("g", generation)
                .query((rs, row) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** How many referrals have one code. */
    record Count(String code, long referrals) {}

    /**
     * @param breachedClocks per clock, how many referrals breached it
     * @param decidedWithinTarget decisions made with no decision clock breached
     */
    record CareReferrals(
            long referrals,
            List<Count> byAgency,
            List<Count> byCategory,
            List<Count> byOutcome,
            List<Count> breachedClocks,
            long decidedWithinTarget) {}
}
