package uk.gov.hertfordshire.care.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/**
 * The access audit published as counts: one event per hour, in order, once across two publishers
 * running at the same moment, with counts only. Each test's hour is a future one that nothing else
 * writes to, filled with audit rows the test counts itself.
 */
@CareIntegrationTest
class AccessAuditCountsIntegrationTest {

    static final String TYPE = "uk.gov.hertfordshire.care.access-audit-counted.v1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcClient jdbc;
    @Autowired AccessAuditCounts counts;

    @Test
    void eachHourIsPublishedOnceAsCountsByActionAndPurpose() throws Exception {
        Instant hour = unpublishedHour();
        counts.publishUpTo(
                hour.plusSeconds(60)); // every hour before the test's, so it starts clean
        long before = published().size();
        audit(hour.plusSeconds(5), "caremanager-heidi", "referral.read", "triage");
        audit(hour.plusSeconds(60), "practitioner-grace", "referral.read", "triage");
        audit(hour.plusSeconds(3_599), "practitioner-grace", "referral.read", "triage");
        audit(hour.plusSeconds(1_800), "agent-carol", "referral.create", "intake");
        audit(hour.plusSeconds(3_600), "agent-carol", "referral.create", "intake"); // next hour

        // Not yet: the hour must have ended (and settled) first.
        assertThat(counts.publishUpTo(hour.plusSeconds(3_600))).isZero();
        assertThat(publishTwiceAtOnce(hour.plusSeconds(3_600 + 61))).isEqualTo(1);
        assertThat(publishTwiceAtOnce(hour.plusSeconds(3_600 + 61))).isZero();

        List<JsonNode> events = published();
        assertThat(events).hasSize((int) before + 1);
        JsonNode last = events.get(events.size() - 1);
        assertThat(Instant.parse(last.get("periodStart").asString())).isEqualTo(hour);
        assertThat(Instant.parse(last.get("periodEnd").asString()))
                .isEqualTo(hour.plusSeconds(3_600));
        assertThat(last.get("counts").toString())
                .isEqualTo(
                        "[{\"action\":\"referral.create\",\"purpose\":\"intake\",\"accesses\":1},"
                                + "{\"action\":\"referral.read\",\"purpose\":\"triage\","
                                + "\"accesses\":3}]");
        assertThat(String.join("\n", events.stream().map(JsonNode::toString).toList()))
                .doesNotContain("heidi", "grace", "carol");
    }

    @Test
    void theHoursComeInOrderWithEmptyOnesIncluded() {
        Instant hour = unpublishedHour();
        counts.publishUpTo(hour.plusSeconds(60));
        long before = published().size();

        assertThat(counts.publishUpTo(hour.plus(3, ChronoUnit.HOURS).plusSeconds(61))).isEqualTo(3);

        List<JsonNode> events = published();
        assertThat(events).hasSize((int) before + 3);
        List<Instant> starts = new ArrayList<>();
        events.forEach(event -> starts.add(Instant.parse(event.get("periodStart").asString())));
        assertThat(starts).isSorted().doesNotHaveDuplicates();
        assertThat(starts.subList(starts.size() - 3, starts.size()))
                .containsExactly(hour, hour.plusSeconds(3_600), hour.plusSeconds(7_200));
        assertThat(events.get(events.size() - 1).get("counts").size()).isZero();
    }

    /** An hour in the future, three after the latest published one, that no other test uses. */
    private Instant unpublishedHour() {
        Instant soon = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.HOURS);
        return jdbc.sql("SELECT max(period_start) FROM access_audit_count_period")
                .query(Timestamp.class)
                .optional()
                .map(latest -> latest.toInstant().plus(3, ChronoUnit.HOURS))
                .filter(later -> later.isAfter(soon))
                .orElse(soon);
    }

    private int publishTwiceAtOnce(Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> publish = () -> counts.publishUpTo(now);
            List<Future<Integer>> results = pool.invokeAll(List.of(publish, publish));
            return results.get(0).get() + results.get(1).get();
        } finally {
            pool.shutdown();
        }
    }

    private void audit(Instant at, String actor, String action, String purpose) {
        jdbc.sql(
                        "INSERT INTO access_audit (at, actor, action, purpose) VALUES (:at,"
                                + " :actor, :action, :purpose)")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("action", action)
                .param("purpose", purpose)
                .update();
    }

    private List<JsonNode> published() {
        return jdbc
                .sql(
                        "SELECT convert_from(payload, 'UTF8') FROM platform.outbox WHERE"
                                + " event_type = :type ORDER BY id")
                .param("type", TYPE)
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .toList();
    }
}
