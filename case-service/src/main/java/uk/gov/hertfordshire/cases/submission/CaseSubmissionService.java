package uk.gov.hertfordshire.cases.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/** Stores a new case and its submitted event in one transaction. */
@Service
public class CaseSubmissionService {

    static final String SUBMITTED = "submitted";

    private final CaseRepository cases;
    private final Outbox outbox;
    private final Clock clock;

    CaseSubmissionService(CaseRepository cases, Outbox outbox, Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public SubmittedCase submit(CaseSubmission submission) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        SubmittedCase submitted =
                new SubmittedCase(
                        UUID.randomUUID(),
                        submission.serviceCode(),
                        submission.channel(),
                        submission.description(),
                        submission.location(),
                        SUBMITTED,
                        now);
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
                        null));
        return submitted;
    }

    @Transactional(readOnly = true)
    public Optional<SubmittedCase> find(UUID id) {
        return cases.find(id);
    }
}
