package uk.gov.hertfordshire.platform.support.calendar;

/** How soon the council aims to respond to a service: so many working hours or working days. */
public record ResponseTarget(int amount, Unit unit) {

    public ResponseTarget {
        if (amount <= 0) {
            throw new IllegalArgumentException("a response target must be positive");
        }
        if (unit == null) {
            throw new IllegalArgumentException("a response target needs a unit");
        }
    }

    /** The catalogue's wire values. */
    public enum Unit {
        WORKING_HOURS,
        WORKING_DAYS;

        public static Unit fromCatalogue(String value) {
            return switch (value) {
                case "working_hours" -> WORKING_HOURS;
                case "working_days" -> WORKING_DAYS;
                default -> throw new IllegalArgumentException("unknown target unit " + value);
            };
        }
    }
}
