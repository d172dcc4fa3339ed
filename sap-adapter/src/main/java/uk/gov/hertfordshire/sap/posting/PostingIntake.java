package uk.gov.hertfordshire.sap.posting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;

/**
 * Records each finance-relevant event in the posting ledger; runs in the inbox transaction, so the
 * row and the record that the event was handled commit together. SAP is not called here: a posting
 * waits in the ledger for the worker, so an outage of SAP never holds up or dead-letters events.
 */
@Component
class PostingIntake {

    private static final Logger log = LoggerFactory.getLogger(PostingIntake.class);

    private final Map<String, PostingTranslator> translators;
    private final PostingMappings mappings;
    private final PostingLedger ledger;
    private final Clock clock;

    PostingIntake(
            List<PostingTranslator> translators,
            PostingMappings mappings,
            PostingLedger ledger,
            Clock clock) {
        this.translators =
                translators.stream()
                        .collect(
                                Collectors.toMap(
                                        PostingTranslator::eventType, Function.identity()));
        List<String> problems =
                mappings.problems(
                        this.translators.keySet(),
                        translators.stream()
                                .filter(PostingTranslator::commitment)
                                .map(PostingTranslator::eventType)
                                .toList());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "finance-mapping.yml is not complete: " + String.join("; ", problems));
        }
        this.mappings = mappings;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Gives postings left unmapped the rows finance has added since; at start-up. */
    int mapWaiting() {
        int mapped = 0;
        for (PostingMappings.Mapping mapping : mappings.mappings()) {
            mapped += ledger.map(mapping.event(), mapping, clock.instant());
        }
        if (mapped > 0) {
            log.info("{} unmapped postings now have accounts and will be posted", mapped);
        }
        return mapped;
    }

    /** Applies one event from a topic; events that are not finance-relevant are ignored. */
    void apply(ReceivedEvent event) {
        PostingTranslator translator = translators.get(event.type());
        if (translator == null) {
            return;
        }
        PostingRequest request = translator.translate(event);
        // SAP's company code currency is sterling: anything else needs finance first, as unmapped.
        PostingMappings.Mapping mapping =
                FinancePostingRecorded.CURRENCY.equals(request.currency())
                        ? mappings.find(event.type(), request.serviceCode()).orElse(null)
                        : null;
        if (mapping == null) {
            log.warn(
                    "No account mapping for {} service {} in {}: posting kept as unmapped",
                    event.type(),
                    request.serviceCode(),
                    request.currency());
        }
        ledger.record(event.id(), event.type(), request, mapping, clock.instant());
    }
}
