package uk.gov.hertfordshire.platform.support.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A family of gauges, one per tag set, whose figures are replaced together at each refresh (lag by
 * partition, cases by team): a row that is new is added, a row that has gone is removed, and a row
 * that stays keeps its gauge and only its value changes. Micrometer's {@code MultiGauge} with
 * overwrite removes every gauge and adds it again at each refresh, so a scrape at that moment (or a
 * second refresh racing the first) finds the series missing: an alert on {@code absent()} flickers
 * and a test reading the gauge fails now and then. Refreshes are serialised here.
 */
public final class GaugeRows {

    private final MultiGauge gauges;
    private final Map<Tags, AtomicLong> values = new HashMap<>();

    /** Rows of the given family, registered by the caller ({@code MultiGauge.builder(..)}). */
    public GaugeRows(MultiGauge gauges) {
        this.gauges = gauges;
    }

    /** The whole family's figures now: rows not named here are removed. */
    public synchronized void set(Map<Tags, ? extends Number> figures) {
        values.keySet().retainAll(figures.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>(figures.size());
        figures.forEach(
                (tags, figure) -> {
                    AtomicLong value = values.computeIfAbsent(tags, t -> new AtomicLong());
                    value.set(figure.longValue());
                    rows.add(MultiGauge.Row.of(tags, value, AtomicLong::doubleValue));
                });
        gauges.register(rows, false); // keeps the gauge of every row it already has
    }
}
