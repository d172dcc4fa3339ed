package uk.gov.hertfordshire.cases.open311;

/**
 * GeoReport v2's {@code service_notice}, "information about the action expected to fulfill the
 * request": the service's response target from the catalogue, in words.
 */
final class ServiceNotice {

    private ServiceNotice() {}

    static String of(String council, int target, String unit) {
        String words = "working_hours".equals(unit) ? "working hour" : "working day";
        return council
                + " aims to respond within "
                + target
                + " "
                + words
                + (target == 1 ? "" : "s")
                + ".";
    }
}
