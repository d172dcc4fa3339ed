package uk.gov.hertfordshire.content.authoring;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.content.rendering.PublishGates;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateReport;

/**
 * What a revision must pass before a publisher may put it live: the publish gates (rendering's
 * {@link PublishGates}, at {@code platform.content.gates.max-reading-age}, with internal links
 * checked against the live paths) and the four-eyes rule. Each refusal is counted by {@link
 * PublishRefusals} before it is thrown as a problem.
 */
@Component
class PublishChecks {

    private final ItemRepository items;
    private final PublishGates gates;
    private final PublishRefusals refusals;

    PublishChecks(
            ItemRepository items,
            PublishRefusals refusals,
            @Value("${platform.content.gates.max-reading-age:9}") double maxReadingAge) {
        this.items = items;
        this.refusals = refusals;
        this.gates = new PublishGates(maxReadingAge);
    }

    /** The gates' verdict on the content, as approving would see it. */
    GateReport report(ItemContent content) {
        return gates.check(content.sections(), items::isLivePath, content.readerText());
    }

    /** Refuses (and counts) content that fails any gate. */
    void requireGatesPassed(ItemContent content) {
        GateReport report = report(content);
        if (!report.passed()) {
            refusals.refused(
                    report.failures().stream().map(PublishGates.GateFailure::gate).toList());
            throw ContentProblems.gatesFailed(report.failures(), report.readingAge());
        }
    }

    /** The four-eyes rule: nobody approves a revision under review that they made. */
    void requireApprovable(ItemRecord item, String staffId) {
        int since = item.liveRevision() == null ? 0 : item.liveRevision();
        List<Integer> theirs =
                items.authorsAfter(item.id(), since).entrySet().stream()
                        .filter(entry -> entry.getValue().equals(staffId))
                        .map(Map.Entry::getKey)
                        .toList();
        if (!theirs.isEmpty()) {
            refusals.refused(List.of(PublishRefusals.FOUR_EYES));
            throw ContentProblems.fourEyes(staffId, theirs);
        }
    }
}
