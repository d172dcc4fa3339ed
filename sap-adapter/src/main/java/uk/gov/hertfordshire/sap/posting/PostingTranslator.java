package uk.gov.hertfordshire.sap.posting;

import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Turns one finance-relevant event type into a {@link PostingRequest}. Declare one as a bean per
 * event type the adapter posts; the mapping check then requires rows for its type.
 */
public interface PostingTranslator {

    /** The CloudEvents type this translator reads. */
    String eventType();

    /** The topic that type arrives on. */
    String topic();

    /**
     * Whether the type is a commitment (a purchase order against a supplier, its mapping rows
     * naming the supplier) rather than a journal entry (its rows naming an offset account).
     */
    default boolean commitment() {
        return false;
    }

    /**
     * What the event asks to post.
     *
     * @throws uk.gov.hertfordshire.platform.events.MalformedEventException when it breaks its
     *     contract
     */
    PostingRequest translate(ReceivedEvent event);
}
