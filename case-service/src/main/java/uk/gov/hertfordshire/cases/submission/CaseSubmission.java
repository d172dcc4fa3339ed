package uk.gov.hertfordshire.cases.submission;

import uk.gov.hertfordshire.cases.servicecase.Location;
import uk.gov.hertfordshire.platform.events.Channel;

/** What it takes to submit a case; validated before anything is stored. */
public record CaseSubmission(
        String serviceCode, Channel channel, String description, Location location) {

    /** GeoReport v2's limit, and so every channel's. */
    public static final int MAX_DESCRIPTION = 4000;

    public CaseSubmission {
        if (serviceCode == null || !serviceCode.matches("[a-z0-9][a-z0-9-]{1,63}")) {
            throw new IllegalArgumentException(
                    "serviceCode must be a catalogue code: lower-case letters, digits and hyphens");
        }
        if (channel == null) {
            throw new IllegalArgumentException(
                    "channel is required: one of " + String.join(", ", Channel.wireValues()));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException(
                    "description must be at most " + MAX_DESCRIPTION + " characters");
        }
    }
}
