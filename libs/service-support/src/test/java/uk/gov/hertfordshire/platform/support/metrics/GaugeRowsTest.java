package uk.gov.hertfordshire.platform.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GaugeRowsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GaugeRows rows =
            new GaugeRows(MultiGauge.builder("queue.depth").baseUnit("items").register(meters));
    private final Tags a = Tags.of("team", "a");
    private final Tags b = Tags.of("team", "b");
    private final Tags c = Tags.of("team", "c");

    @Test
    void eachRefreshReplacesTheFiguresAddsNewRowsAndRemovesGoneOnes() {
        rows.set(Map.of(a, 3, b, 5));
        assertThat(value(a)).isEqualTo(3);
        assertThat(value(b)).isEqualTo(5);

        rows.set(Map.of(a, 7, c, 1));
        assertThat(value(a)).isEqualTo(7);
        assertThat(value(c)).isEqualTo(1);
        assertThat(gauge(b)).as("b was not in the last refresh").isNull();

        rows.set(Map.of(b, 2));
        assertThat(value(b)).as("a row that comes back starts from its new figure").isEqualTo(2);
        assertThat(meters.find("queue.depth").gauges()).hasSize(1);
    }

    @Test
    void aRowThatStaysKeepsItsGaugeSoNoScrapeFindsItMissing() throws Exception {
        rows.set(Map.of(a, 1));
        Gauge first = gauge(a);
        AtomicBoolean refreshing = new AtomicBoolean(true);
        AtomicInteger scrapes = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        Thread scraper =
                new Thread(
                        () -> {
                            while (refreshing.get()) {
                                scrapes.incrementAndGet();
                                if (gauge(a) == null) {
                                    missing.incrementAndGet();
                                }
                            }
                        });
        scraper.start();
        for (int i = 0; i < 20_000; i++) {
            rows.set(Map.of(a, i));
        }
        refreshing.set(false);
        scraper.join();

        assertThat(scrapes.get()).as("the scraper ran during the refreshes").isPositive();
        assertThat(missing.get()).as("scrapes that found no gauge").isZero();
        assertThat(gauge(a)).as("the same gauge throughout").isSameAs(first);
        assertThat(value(a)).isEqualTo(19_999);
    }

    private Gauge gauge(Tags tags) {
        return meters.find("queue.depth").tags(tags).gauge();
    }

    private double value(Tags tags) {
        return gauge(tags).value();
    }
}
