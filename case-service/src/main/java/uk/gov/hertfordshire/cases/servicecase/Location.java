package uk.gov.hertfordshire.cases.servicecase;

/**
 * Where a place-based problem is, in WGS84. Only points within the United Kingdom's bounding box
 * are accepted: anything else is a mistake (swapped coordinates, a default 0,0) or an abuse.
 */
public record Location(double latitude, double longitude) {

    static final double MIN_LATITUDE = 49.8;
    static final double MAX_LATITUDE = 60.9;
    static final double MIN_LONGITUDE = -8.7;
    static final double MAX_LONGITUDE = 1.8;

    public Location {
        if (latitude < MIN_LATITUDE || latitude > MAX_LATITUDE) {
            throw new IllegalArgumentException(
                    "latitude " + latitude + " is outside the United Kingdom (49.8 to 60.9)");
        }
        if (longitude < MIN_LONGITUDE || longitude > MAX_LONGITUDE) {
            throw new IllegalArgumentException(
                    "longitude " + longitude + " is outside the United Kingdom (-8.7 to 1.8)");
        }
    }
}
