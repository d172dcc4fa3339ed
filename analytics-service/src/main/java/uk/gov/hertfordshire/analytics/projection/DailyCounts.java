package uk.gov.hertfordshire.analytics.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import uk.gov.hertfordshire.analytics.CouncilTime;

/**
 * A batch's additions to {@code daily_count} (happenings per Europe/London day, measure and
 * dimension, with an amount in pence where there is one), summed in memory and written with one
 * upsert. Counters only add up, so the order of the events does not matter.
 */
public final class DailyCounts {

    private record Key(LocalDate day, String measure, String dimension) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byMeasure = measure.compareTo(other.measure);
            return byMeasure != 0 ? byMeasure : dimension.compareTo(other.dimension);
        }
    }

    /** In key order, so concurrent writers (live and rebuild) lock rows in the same order. */
    private final Map<Key, long[]> counts = new TreeMap<>();

    /** One happening at {@code at}, counted on its London day. */
    public void add(Instant at, String measure, String dimension, long amount) {
        long[] sum =
                counts.computeIfAbsent(
                        new Key(CouncilTime.day(at), measure, dimension), k -> new long[2]);
        sum[0]++;
        sum[1] += amount;
    }

    /** Adds the counts to the generation's rows: one statement, none if there is nothing. */
    public void write(JdbcClient jdbc, int generation) {
        if (counts.isEmpty()) {
            return;
        }
        int n = counts.size();
        String[] days = new String[n];
        String[] measures = new String[n];
        String[] dimensions = new String[n];
        Long[] happenings = new Long[n];
        Long[] amounts = new Long[n];
        int i = 0;
        for (Map.Entry<Key, long[]> count : counts.entrySet()) {
            days[i] = count.getKey().day().toString();
            measures[i] = count.getKey().measure();
            dimensions[i] = count.getKey().dimension();
            happenings[i] = count.getValue()[0];
            amounts[i] = count.getValue()[1];
            i++;
        }
        jdbc.sql(
                        "INSERT INTO daily_count (generation, day, measure, dimension, n, amount)"
                                + " SELECT :generation, * FROM unnest(CAST(:days AS date[]),"
                                + " :measures, :dimensions, :n, :amounts) ON CONFLICT (generation,"
                                + " day, measure, dimension) DO UPDATE SET n = daily_count.n +"
                                + " EXCLUDED.n, amount = daily_count.amount + EXCLUDED.amount")
                .param("generation", generation)
                .param("days", new SqlArrayValue("text", (Object[]) days))
                .param("measures", new SqlArrayValue("text", (Object[]) measures))
                .param("dimensions", new SqlArrayValue("text", (Object[]) dimensions))
                .param("n", new SqlArrayValue("int8", (Object[]) happenings))
                .param("amounts", new SqlArrayValue("int8", (Object[]) amounts))
                .update();
    }
}
