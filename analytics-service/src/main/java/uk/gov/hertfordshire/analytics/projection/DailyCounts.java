package uk.gov.hertfordshire.analytics.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /**
     * Written in key order, so concurrent writers (live and rebuild) lock rows in the same order.
     */
    private final Map<Key, long[]> counts = new HashMap<>();

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
        Columns<Map.Entry<Key, long[]>> columns =
                Columns.inKeyOrder(counts)
                        .text("days", count -> count.getKey().day())
                        .text("measures", count -> count.getKey().measure())
                        .text("dimensions", count -> count.getKey().dimension())
                        .int8("n", count -> count.getValue()[0])
                        .int8("amounts", count -> count.getValue()[1]);
        jdbc.sql(
                        "INSERT INTO daily_count (generation, day, measure, dimension, n, amount)"
                                + " SELECT :generation, * FROM unnest(CAST(:days AS date[]),"
                                + " :measures, :dimensions, :n, :amounts) ON CONFLICT (generation,"
                                + " day, measure, dimension) DO UPDATE SET n = daily_count.n +"
                                + " EXCLUDED.n, amount = daily_count.amount + EXCLUDED.amount")
                .param("generation", generation)
                .params(columns.params())
                .update();
    }
}
