package uk.gov.hertfordshire.platform.local.chaos;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Acknowledged cases against analytics' count, case id by case id: equal totals could hide a lost
 * case and a duplicated one.
 *
 * @param acknowledged cases the platform answered 2xx with an id
 * @param countedOnce of those, counted by analytics exactly once
 * @param lost ids acknowledged but never counted
 * @param duplicated ids counted more than once
 */
public record Reconciliation(
        int acknowledged, int countedOnce, List<String> lost, List<String> duplicated) {

    public static Reconciliation of(
            Collection<String> acknowledged, Map<String, Integer> timesCounted) {
        TreeSet<String> distinct = new TreeSet<>(acknowledged);
        int once = 0;
        List<String> lost = new java.util.ArrayList<>();
        List<String> duplicated = new java.util.ArrayList<>();
        for (String id : distinct) {
            int times = timesCounted.getOrDefault(id, 0);
            if (times == 1) {
                once++;
            } else if (times == 0) {
                lost.add(id);
            } else {
                duplicated.add(id);
            }
        }
        return new Reconciliation(
                distinct.size(), once, List.copyOf(lost), List.copyOf(duplicated));
    }

    public boolean clean() {
        return lost.isEmpty() && duplicated.isEmpty() && countedOnce == acknowledged;
    }
}
