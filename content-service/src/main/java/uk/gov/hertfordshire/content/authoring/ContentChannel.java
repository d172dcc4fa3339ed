package uk.gov.hertfordshire.content.authoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;

/**
 * The publication channels, named as {@link ContentPublished#CHANNELS} fixes them. {@code web} and
 * {@code digital_tv} are public; the intranet and the contact centre are for staff.
 */
public enum ContentChannel {
    WEB(true),
    INTRANET(false),
    DIGITAL_TV(true),
    CONTACT_CENTRE(false);

    private final boolean isPublic;

    ContentChannel(boolean isPublic) {
        this.isPublic = isPublic;
    }

    /** Whether anyone may read it without a token; staff-audience items never go here. */
    public boolean isPublic() {
        return isPublic;
    }

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContentChannel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireValue().equals(value)).findFirst();
    }

    static {
        if (!ContentPublished.CHANNELS.equals(
                Arrays.stream(values()).map(ContentChannel::wireValue).toList())) {
            throw new IllegalStateException("channels differ from ContentPublished.CHANNELS");
        }
    }
}
