package uk.gov.hertfordshire.cases.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.targets.ResponseTarget;
import uk.gov.hertfordshire.cases.targets.WorkingCalendar;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/** Stores a new case and its submitted event in one transaction. */
@Service
public class CaseSubmissionService {

    static final String SUBMITTED = "submitted";

    private final CaseRepository cases;
    private final Outbox outbox;
    private final Clock clock;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;

    CaseSubmissionService(
            CaseRepository cases,
            Outbox outbox,
            Clock clock,
            Catalogue catalogue,
            WorkingCalendar calendar) {
        this.cases = cases;
        this.outbox = outbox;
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
    public SubmittedCase submit(CaseSubmission submission, Caller submitter) {
        CaseAccess.requireChannelAllowed(submitter, submission.channel());
        CatalogueEntry service =
                catalogue
                        .find(submission.serviceCode())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "serviceCode '"
                                                        + submission.serviceCode()
                                                        + "' is not in the service catalogue"));
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant dueAt =
                calendar.dueAt(
                        now,
                        new ResponseTarget(
                                service.responseTarget(),
                                ResponseTarget.Unit.fromCatalogue(service.responseUnit())));
        SubmittedCase submitted =
                new SubmittedCase(
                        UUID.randomUUID(),
                        submission.serviceCode(),
                        submission.channel(),
                        submission.description(),
                        submission.location(),
                        SUBMITTED,
                        now,
                        submitter.id(),
                        dueAt);
        cases.insert(submitted);
        outbox.append(
                new CaseSubmitted(
                        submitted.id().toString(),
                        submitted.serviceCode(),
                        submitted.channel(),
                        submitted.submittedAt(),
                        submitted.location() == null
                                ? null
                                : new CaseSubmitted.Location(
                                        submitted.location().latitude(),
                                        submitted.location().longitude(),
                                        null,
                                        null),
                        null,
                        submitted.dueAt()));
        return submitted;
    }

    /**
     * The case, if it exists and the caller may read it: staff, the citizen who reported it, or a
     * citizen who follows it ("me too"). A case the caller may not read is reported as absent, so
     * its id cannot be probed.
     */
    @Transactional(readOnly = true)
    public Optional<SubmittedCase> find(UUID id, Caller reader) {
        return cases.find(id)
                .filter(
                        found ->
                                CaseAccess.mayRead(reader, found)
                                        || (reader.has(Role.CITIZEN)
                                                && cases.isSupporter(id, reader.id())));
    }
}
