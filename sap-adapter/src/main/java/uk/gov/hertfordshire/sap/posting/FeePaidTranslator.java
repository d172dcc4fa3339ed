package uk.gov.hertfordshire.sap.posting;

import java.time.ZoneId;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;

/** A citizen's fee for a case: posted on the day it was paid, in London. */
@Component
class FeePaidTranslator implements PostingTranslator {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final EventSerializer serializer = new EventSerializer();

    @Override
    public String eventType() {
        return CaseFeePaid.TYPE.type();
    }

    @Override
    public String topic() {
        return CaseFeePaid.TYPE.topic();
    }

    @Override
    public PostingRequest translate(ReceivedEvent event) {
        CaseFeePaid paid = serializer.fromJson(event.data(), CaseFeePaid.class);
        return new PostingRequest(
                paid.serviceCode(),
                paid.caseId(),
                paid.amountPence(),
                paid.currency(),
                paid.paidAt().atZone(LONDON).toLocalDate());
    }
}
