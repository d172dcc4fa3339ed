package uk.gov.hertfordshire.cases.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.catalogue.FieldProblem;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.Location;
import uk.gov.hertfordshire.cases.servicecase.Place;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.calendar.ResponseTarget;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/** Stores a new case and its submitted event in one transaction. */
@Service
public class CaseSubmissionService {

    private final CaseRepository cases;
    private final Clock clock;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;

    CaseSubmissionService(
            CaseRepository cases, Clock clock, Catalogue catalogue, WorkingCalendar calendar) {
        this.cases = cases;
        this.clock = clock;
        this.catalogue = catalogue;
        this.calendar = calendar;
    }

    /**
     * Stores the case as the caller's, with its event.
     *
     * @throws IllegalArgumentException if the caller may not record a case through its channel
     */
    @Transactional
    public ServiceCase submit(
            CaseSubmission submission,
            Place place,
            Map<String, List<String>> answers,
            Caller submitter) {
        CaseAccess.requireChannelAllowed(submitter, submission.channel());
        CatalogueEntry service = catalogued(submission);
        // Online the form asks every question; an agent records what the caller could say, and
        // a phone contact is never lost for want of a pothole's depth.
        boolean selfService = CaseAccess.CITIZEN_CHANNELS.contains(submission.channel());
        if (selfService && !service.availableOnline()) {
            throw new IllegalArgumentException(
                    "serviceCode '"
                            + service.code()
                            + "' is not offered online; contact the council to request it");
        }
        List<FieldProblem> problems = catalogue.checkAnswers(service.code(), answers, selfService);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    problems.stream()
                            .map(problem -> problem.field() + ": " + problem.message())
                            .collect(Collectors.joining("; ")));
        }
        if (service.publicRealm() && submission.location() == null && !place.isPresent()) {
            throw new IllegalArgumentException(
                    "serviceCode '"
                            + service.code()
                            + "' is about a place: give a location, an address or a uprn");
        }
        String recordedBy =
                CaseAccess.AGENT_CHANNELS.contains(submission.channel())
                        ? submitter.staffId()
                        : null;
        return store(submission, service, submitter.id(), place, answers, recordedBy);
    }

    /**
     * Stores a case a civic app sent through Open311, as the app's: channel {@code open311}, the
     * service offered through Open311, and where it is as a point, an address string or a UPRN. The
     * caller (the Open311 adapter) has already authenticated the app's API key.
     *
     * @param submittedBy the app's identity, {@code open311-api-key|<key id>}
     * @param address the address string the app gave, or null
     * @param uprn the UPRN the app gave as {@code address_id}, or null
     * @throws IllegalArgumentException if the service is not offered through Open311 or nothing
     *     says where the problem is
     */
    @Transactional
    public ServiceCase submitThroughOpen311(
            CaseSubmission submission, String submittedBy, String address, String uprn) {
        if (submission.channel() != Channel.OPEN311) {
            throw new IllegalArgumentException("an Open311 submission has channel open311");
        }
        CatalogueEntry service = catalogued(submission);
        if (!service.availableOpen311()) {
            throw new IllegalArgumentException(
                    "serviceCode '" + service.code() + "' is not offered through Open311");
        }
        if (submission.location() == null && address == null && uprn == null) {
            throw new IllegalArgumentException("a location, address or UPRN is required");
        }
        return store(submission, service, submittedBy, new Place(address, uprn), null, null);
    }

    private CatalogueEntry catalogued(CaseSubmission submission) {
        return catalogue
                .find(submission.serviceCode())
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "serviceCode '"
                                                + submission.serviceCode()
                                                + "' is not in the service catalogue"));
    }

    private ServiceCase store(
            CaseSubmission submission,
            CatalogueEntry service,
            String submittedBy,
            Place place,
            Map<String, List<String>> answers,
            String recordedByStaffId) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant dueAt =
                calendar.dueAt(
                        now,
                        new ResponseTarget(
                                service.responseTarget(),
                                ResponseTarget.Unit.fromCatalogue(service.responseUnit())));
        ServiceCase submitted =
                ServiceCase.submitted(
                        submission.serviceCode(),
                        submission.channel(),
                        submission.description(),
                        submission.location(),
                        place,
                        now,
                        submittedBy,
                        dueAt,
                        answers);
        cases.insert(
                submitted,
                new CaseSubmitted(
                        submitted.id().toString(),
                        submitted.serviceCode(),
                        submitted.channel(),
                        submitted.submittedAt(),
                        eventLocation(submitted.location(), place),
                        recordedByStaffId,
                        submitted.dueAt()));
        return submitted;
    }

    /**
     * Where the event says the case is: its coordinates, the postcode district of an address and
     * the UPRN; null for a case not about a place.
     */
    private static CaseSubmitted.Location eventLocation(Location point, Place place) {
        if (point == null && place.postcodeDistrict() == null && place.uprn() == null) {
            return null;
        }
        return new CaseSubmitted.Location(
                point == null ? null : point.latitude(),
                point == null ? null : point.longitude(),
                place.postcodeDistrict(),
                place.uprn());
    }

    /** The case, if the caller is staff or the citizen who reported it (not a follower). */
    @Transactional(readOnly = true)
    public Optional<ServiceCase> findAsReporterOrStaff(UUID id, Caller reader) {
        return cases.find(id).filter(found -> CaseAccess.mayRead(reader, found));
    }

    /**
     * The case, if it exists and the caller may read it: staff, the citizen who reported it, or a
     * citizen who follows it ("me too"). A follower may see how the case is going, not what the
     * reporter wrote, answered or photographed ({@link CaseAccess#mayRead} tells them apart). A
     * case the caller may not read is reported as absent, so its id cannot be probed.
     */
    @Transactional(readOnly = true)
    public Optional<ServiceCase> find(UUID id, Caller reader) {
        return cases.find(id)
                .filter(
                        found ->
                                CaseAccess.mayRead(reader, found)
                                        || (reader.has(Role.CITIZEN)
                                                && cases.isSupporter(id, reader.id())));
    }
}
