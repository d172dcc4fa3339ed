package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a rebuild's readers share the partitions (ADR 50): every partition holding records goes to
 * exactly one reader, each reader has about as many records to read, and there are never more
 * readers than such partitions. The expected shares are worked out by hand below each case.
 */
class RebuildSharesTest {

    /**
     * A partition holding {@code records} before its cut-off, from an offset that differs between
     * partitions (as after retention), so a share weighed by the end offset alone would differ.
     */
    private static Generations.Cutoff cut(String topic, int partition, long records) {
        long begin = 1_000L * (topic.length() + partition * 7L);
        return new Generations.Cutoff(topic, partition, begin, begin + records);
    }

    @Test
    void threeEqualPartitionsOfOneTopicGoOneToEachOfThreeReaders() {
        List<Generations.Cutoff> cutoffs =
                List.of(
                        cut("cases.events", 0, 40),
                        cut("cases.events", 1, 40),
                        cut("cases.events", 2, 40));

        assertThat(RebuildReaders.shares(cutoffs, 3))
                .containsExactly(
                        List.of(cutoffs.get(0)), List.of(cutoffs.get(1)), List.of(cutoffs.get(2)));
    }

    @Test
    void theLargestPartitionsAreSpreadFirstAndTheSmallOnesFillTheLightestReader() {
        Generations.Cutoff casesBig = cut("cases.events", 0, 90);
        Generations.Cutoff casesMid = cut("cases.events", 1, 60);
        Generations.Cutoff content = cut("content.events", 0, 50);
        Generations.Cutoff care = cut("care.events", 2, 20);
        Generations.Cutoff casesSmall = cut("cases.events", 2, 10);

        // 90 -> A; 60 -> B; 50 -> B (60 < 90), B = 110; 20 -> A, A = 110; 10 -> A (110 = 110,
        // the first): A 90 + 20 + 10 = 120, B 60 + 50 = 110.
        assertThat(RebuildReaders.shares(List.of(care, casesSmall, content, casesMid, casesBig), 2))
                .containsExactly(List.of(casesBig, care, casesSmall), List.of(casesMid, content));
    }

    @Test
    void emptyPartitionsAreLeftOutAndNoReaderIsLeftWithNothing() {
        Generations.Cutoff cases = cut("cases.events", 1, 7);
        Generations.Cutoff empty = cut("cases.events", 0, 0);
        Generations.Cutoff care = cut("care.events", 0, 3);

        assertThat(RebuildReaders.shares(List.of(empty, cases, care), 3))
                .containsExactly(List.of(cases), List.of(care));
        assertThat(RebuildReaders.shares(List.of(empty, cases, care), 1))
                .containsExactly(List.of(cases, care));
    }

    @Test
    void anEmptyLogIsOneReaderWithNothingToRead() {
        assertThat(RebuildReaders.shares(List.of(cut("cases.events", 0, 0)), 3))
                .containsExactly(List.of());
    }
}
