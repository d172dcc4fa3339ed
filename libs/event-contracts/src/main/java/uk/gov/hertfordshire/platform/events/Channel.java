package uk.gov.hertfordshire.platform.events;

import java.util.Arrays;
import java.util.List;

/** How a citizen contacted the council. Channel shift is measured on these values. */
public enum Channel {
    WEB("web"),
    APP("app"),
    OPEN311("open311"),
    PHONE("phone"),
    FACE_TO_FACE("face_to_face"),
    EMAIL("email");

    private static final List<String> WIRE_VALUES =
            Arrays.stream(values()).map(Channel::wireValue).toList();

    private final String wireValue;

    Channel(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value carried in events and APIs, e.g. {@code face_to_face}. */
    public String wireValue() {
        return wireValue;
    }

    /** Digital self-service is {@code web}, {@code app} and {@code open311}. */
    public boolean isDigitalSelfService() {
        return this == WEB || this == APP || this == OPEN311;
    }

    /** Every wire value, in declaration order. */
    public static List<String> wireValues() {
        return WIRE_VALUES;
    }

    /**
     * The channel with exactly this wire value (case-sensitive).
     *
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Channel fromWire(String wireValue) {
        for (Channel channel : values()) {
            if (channel.wireValue.equals(wireValue)) {
                return channel;
            }
        }
        throw new IllegalArgumentException(
                "Unknown channel '"
                        + wireValue
                        + "'; allowed values are "
                        + String.join(", ", WIRE_VALUES));
    }
}
