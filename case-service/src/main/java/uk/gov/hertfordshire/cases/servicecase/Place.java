package uk.gov.hertfordshire.cases.servicecase;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a case is besides (or instead of) a point: an address as the reporter wrote it, and a
 * Unique Property Reference Number. The postcode district (the outward code, e.g. {@code AL1}) is
 * taken from a full postcode in the address, for area figures that never need the address itself.
 *
 * @param address up to 250 characters, or null
 * @param uprn 1 to 12 digits, not starting with 0, or null
 */
public record Place(String address, String uprn) {

    public static final int MAX_ADDRESS = 250;

    /** No address and no UPRN. */
    public static final Place NONE = new Place(null, null);

    private static final Pattern UPRN = Pattern.compile("[1-9][0-9]{0,11}");

    // A full UK postcode (outward and inward code); the district is the outward code.
    private static final Pattern POSTCODE =
            Pattern.compile(
                    "\\b([A-Z]{1,2}[0-9][0-9A-Z]?)\\s*[0-9][A-Z]{2}\\b", Pattern.CASE_INSENSITIVE);

    public Place {
        if (address != null) {
            address = address.strip();
            if (address.isEmpty()) {
                address = null;
            } else if (address.length() > MAX_ADDRESS) {
                throw new IllegalArgumentException(
                        "address must be at most " + MAX_ADDRESS + " characters");
            }
        }
        if (uprn != null && !UPRN.matcher(uprn).matches()) {
            throw new IllegalArgumentException(
                    "uprn must be a Unique Property Reference Number: 1 to 12 digits");
        }
    }

    /** Whether there is an address or a UPRN. */
    public boolean isPresent() {
        return address != null || uprn != null;
    }

    /** The postcode district of a full postcode in the address, e.g. {@code SG13}, or null. */
    public String postcodeDistrict() {
        if (address == null) {
            return null;
        }
        Matcher postcode = POSTCODE.matcher(address);
        String district = null;
        while (postcode.find()) {
            district = postcode.group(1).toUpperCase(Locale.ROOT); // the last one is the address's
        }
        return district;
    }
}
