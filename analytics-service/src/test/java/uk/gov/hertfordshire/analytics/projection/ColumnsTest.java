package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch folds its rows into a hash map; the writers must still send them in key order, the order
 * concurrent writers (the live path's consumers, a rebuild) lock rows in, or two transactions could
 * lock the same rows in opposite orders and deadlock. Nothing in the figures would show it.
 */
class ColumnsTest {

    @Test
    void entriesOfAHashMapGoInKeyOrder() {
        Map<UUID, String> folded = new HashMap<>();
        // Ids whose hash order differs from their order (checked below), as a batch's would.
        List<UUID> ids =
                List.of(
                        UUID.fromString("ffffffff-0000-4000-8000-000000000001"),
                        UUID.fromString("00000000-0000-4000-8000-000000000003"),
                        UUID.fromString("7fffffff-0000-4000-8000-000000000002"),
                        UUID.fromString("00000000-0000-4000-8000-000000000001"),
                        UUID.fromString("80000000-0000-4000-8000-000000000000"));
        ids.forEach(id -> folded.put(id, id.toString()));
        assertThat(List.copyOf(folded.keySet())).isNotEqualTo(ids.stream().sorted().toList());

        List<UUID> written =
                Columns.inKeyOrder(folded).rows().stream().map(Map.Entry::getKey).toList();

        // UUID's own order compares the two halves as signed longs: 8000… before ffff… before 0000…
        assertThat(written)
                .containsExactly(
                        UUID.fromString("80000000-0000-4000-8000-000000000000"),
                        UUID.fromString("ffffffff-0000-4000-8000-000000000001"),
                        UUID.fromString("00000000-0000-4000-8000-000000000001"),
                        UUID.fromString("00000000-0000-4000-8000-000000000003"),
                        UUID.fromString("7fffffff-0000-4000-8000-000000000002"));
    }

    @Test
    void aCollectionKeepsItsOwnOrder() {
        Map<String, Integer> given = new LinkedHashMap<>();
        given.put("c", 1);
        given.put("a", 2);
        given.put("b", 3);

        assertThat(Columns.of(given.entrySet()).rows().stream().map(Map.Entry::getKey))
                .containsExactly("c", "a", "b");
        assertThat(Columns.inKeyOrder(given).rows().stream().map(Map.Entry::getKey))
                .containsExactly("a", "b", "c");
    }
}
