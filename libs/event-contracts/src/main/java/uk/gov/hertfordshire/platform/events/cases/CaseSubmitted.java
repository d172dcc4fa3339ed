package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A citizen's report or request became a case, through whichever channel it arrived.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code (the Open311 service_code)
 * @param channel how the contact arrived, the basis of channel-shift measures
 * @param submittedAt when the case was submitted
 * @param location where the problem is, or null for a service not about a place
 * @param recordedByStaffId SAP personnel number of the agent who recorded a phone or face-to-face
 *     contact, or null when the citizen or a civic app submitted it
 * @param dueAt when the service's response target falls due, not before {@code submittedAt}, or
 *     null for a service without a target
 */
public record CaseSubmitted(
        String caseId,
        String serviceCode,
        Channel channel,
        Instant submittedAt,
        Location location,
        String recordedByStaffId,
        Instant dueAt)
        implements DomainEvent {

    public static final EventType<CaseSubmitted> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.submitted.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseSubmitted.class);

    public CaseSubmitted {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(channel, "channel");
        EventFields.required(submittedAt, "submittedAt");
        if (recordedByStaffId != null) {
            EventFields.matching(
                    recordedByStaffId, EventFields.SAP_PERSONNEL_NUMBER, "recordedByStaffId");
        }
        if (dueAt != null) {
            EventFields.notBefore(dueAt, "dueAt", submittedAt, "submittedAt");
        }
    }

    /** No due time: the signature from before {@code dueAt}, kept so existing callers compile. */
    public CaseSubmitted(
            String caseId,
            String serviceCode,
            Channel channel,
            Instant submittedAt,
            Location location,
            String recordedByStaffId) {
        this(caseId, serviceCode, channel, submittedAt, location, recordedByStaffId, null);
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }

    /**
     * Where a place-based case is: coordinates, and at most the postcode district and property
     * reference, never a street address. A case reported by address or UPRN alone has no
     * coordinates, but still its district or UPRN.
     *
     * @param latitude WGS84 latitude, or null with the longitude
     * @param longitude WGS84 longitude, or null with the latitude
     * @param postcodeDistrict outward code only, e.g. {@code AL1}, or null
     * @param uprn the Unique Property Reference Number of a property, or null
     */
    public record Location(
            Double latitude, Double longitude, String postcodeDistrict, String uprn) {

        private static final Pattern POSTCODE_DISTRICT =
                Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");

        private static final Pattern UPRN = Pattern.compile("[1-9][0-9]{0,11}");

        public Location {
            if ((latitude == null) != (longitude == null)) {
                throw new IllegalArgumentException(
                        "latitude and longitude go together: both or neither");
            }
            if (latitude == null && postcodeDistrict == null && uprn == null) {
                throw new IllegalArgumentException(
                        "a location needs coordinates, a postcode district or a UPRN");
            }
            if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
                throw new IllegalArgumentException(
                        "latitude " + latitude + " is not between -90 and 90");
            }
            if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException(
                        "longitude " + longitude + " is not between -180 and 180");
            }
            if (postcodeDistrict != null) {
                EventFields.matching(postcodeDistrict, POSTCODE_DISTRICT, "postcodeDistrict");
            }
            if (uprn != null) {
                EventFields.matching(uprn, UPRN, "uprn");
            }
        }
    }
}
