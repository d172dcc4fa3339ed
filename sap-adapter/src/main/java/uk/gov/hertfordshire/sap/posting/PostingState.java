package uk.gov.hertfordshire.sap.posting;

import java.util.Arrays;
import java.util.Locale;

/** Where a posting is: waiting for a mapping, waiting for SAP, posted, or refused by SAP. */
public enum PostingState {
    UNMAPPED,
    PENDING,
    POSTED,
    REJECTED;

    /** Its value in the ledger and the API. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PostingState fromWire(String value) {
        return Arrays.stream(values())
                .filter(state -> state.wireValue().equals(value))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "state must be one of unmapped, pending, posted, rejected"));
    }
}
