package uk.gov.hertfordshire.analytics.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * A batch's rows as one array per column: the parameters of a single {@code INSERT ... SELECT
 * :generation, * FROM unnest(:a, :b, ...)}, so a batch costs one statement per table whatever its
 * size. A column travels as text unless it says otherwise (times, dates, numbers and booleans as
 * PostgreSQL reads them back exactly, cast in the statement); null stays null. Rows keep the order
 * of the collection given, or come in key order ({@link #inKeyOrder}) so that concurrent writers
 * (live and rebuild) lock rows in the same order.
 *
 * @param <R> one row
 */
public final class Columns<R> {

    private final Collection<R> rows;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private Columns(Collection<R> rows) {
        this.rows = rows;
    }

    /** The columns of these rows, in their iteration order. */
    public static <R> Columns<R> of(Collection<R> rows) {
        return new Columns<>(rows);
    }

    /**
     * The columns of a map's entries in key order: the order concurrent writers (live and rebuild)
     * lock rows in. A batch folds into a hash map and is sorted once here: sorted maps, compared at
     * every event, were a fifth of the live listener's samples with their iteration at write time
     * (docs/benchmarks/analytics-rebuild.md).
     */
    public static <K extends Comparable<? super K>, V> Columns<Map.Entry<K, V>> inKeyOrder(
            Map<K, V> rows) {
        List<Map.Entry<K, V>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        return new Columns<>(sorted);
    }

    /** A column of each row's value as text ({@code toString()}), null kept as null. */
    public Columns<R> text(String name, Function<? super R, ?> value) {
        return column(
                name,
                "text",
                row -> {
                    Object v = value.apply(row);
                    return v == null ? null : v.toString();
                });
    }

    /** A column of 4-byte integers. */
    public Columns<R> int4(String name, Function<? super R, Integer> value) {
        return column(name, "int4", value);
    }

    /** A column of 8-byte integers. */
    public Columns<R> int8(String name, Function<? super R, Long> value) {
        return column(name, "int8", value);
    }

    /** The rows, in the order their values go in each column. */
    List<R> rows() {
        return List.copyOf(rows);
    }

    /** Every column by its name, for {@code JdbcClient.StatementSpec.params(Map)}. */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    private Columns<R> column(String name, String sqlType, Function<? super R, ?> value) {
        params.put(name, new SqlArrayValue(sqlType, rows.stream().map(value).toArray()));
        return this;
    }
}
