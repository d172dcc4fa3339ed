package uk.gov.hertfordshire.cases.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.directory.StaffDirectory;
import uk.gov.hertfordshire.cases.lifecycle.LifecycleRepository.Transition;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.calendar.ResponseTarget;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Applies staff actions to cases: checks the state machine under a row lock, stores the new status
 * with the update the citizen sees (and any internal note), and appends the action's one event to
 * the outbox, all in one transaction.
 */
@Service
public class CaseLifecycle {

    private final CaseRepository cases;
    private final LifecycleRepository updates;
    private final StaffDirectory directory;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;
    private final Outbox outbox;
    private final Clock clock;

    CaseLifecycle(
            CaseRepository cases,
            LifecycleRepository updates,
            StaffDirectory directory,
            Catalogue catalogue,
            WorkingCalendar calendar,
            Outbox outbox,
            Clock clock) {
        this.cases = cases;
        this.updates = updates;
        this.directory = directory;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Applies one action to a case.
     *
     * @return the case's new status, or empty if there is no such case
     * @throws InvalidTransitionException if the case's status does not allow the action
     * @throws IllegalArgumentException if the request does not fit the action (a field it does not
     *     use, an unknown team or officer, a bad duplicate)
     */
    @Transactional
    public Optional<CaseStatus> apply(
            UUID caseId, CaseAction action, ActionRequest request, Caller actor) {
        request.requireFitsAction(action);
        if (action == CaseAction.MARK_DUPLICATE && !caseId.equals(request.duplicateOf())) {
            // Both rows: two officers marking A as B's duplicate and B as A's at once must not
            // both succeed (and must not deadlock).
            cases.lockInIdOrder(caseId, request.duplicateOf());
        }
        Optional<ServiceCase> found = cases.lock(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServiceCase before = found.get();
        if (!action.isAllowedFrom(before.status())) {
            throw new InvalidTransitionException(action, before.status());
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        transition(before, action, request, UUID.randomUUID(), actor.id(), now);
        return Optional.of(action.to());
    }

    /**
     * A citizen's update that a civic app relays (Open311 {@code POST servicerequestupdates}): the
     * text as a public update, by the app, and the action it carries (the reporter says the problem
     * is fixed: {@link CaseAction#RESOLVE}; not fixed: {@link CaseAction#REOPEN}) where the case's
     * status allows it and the citizen wrote the update after the case last changed (one written
     * before answers a status the case has since left). Otherwise the text is kept under the status
     * the case keeps, and no event is published: {@code CasePublicUpdateAdded} says that staff
     * wrote to the citizen, which this is not.
     *
     * @param updateId the id to store the update under
     * @param carried the action the citizen's update asks for, or null
     * @param writtenAt when the citizen wrote it, to the second
     * @param author who relays it (the app's {@code submitted_by})
     * @return the stored update, or empty if there is no such case
     */
    @Transactional
    public Optional<CaseUpdate> relayCitizenUpdate(
            UUID caseId,
            UUID updateId,
            String text,
            CaseAction carried,
            Instant writtenAt,
            String author) {
        if (carried != null && carried != CaseAction.RESOLVE && carried != CaseAction.REOPEN) {
            throw new IllegalArgumentException("a citizen's update can only resolve or reopen");
        }
        Optional<ServiceCase> found = cases.lock(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServiceCase before = found.get();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        boolean answersCurrentStatus =
                before.updatedAt() == null
                        || !writtenAt.isBefore(before.updatedAt().truncatedTo(ChronoUnit.SECONDS));
        if (carried != null && carried.isAllowedFrom(before.status()) && answersCurrentStatus) {
            ActionRequest request = new ActionRequest(null, null, null, text, null);
            return Optional.of(transition(before, carried, request, updateId, author, now));
        }
        CaseUpdate update =
                new CaseUpdate(updateId, caseId, before.status(), text, true, author, now);
        updates.insertUpdate(update);
        return Optional.of(update);
    }

    /** Stores the action's outcome, its public update and any internal note, and its event. */
    private CaseUpdate transition(
            ServiceCase before,
            CaseAction action,
            ActionRequest request,
            UUID updateId,
            String authorId,
            Instant now) {
        UUID caseId = before.id();
        Transition change = changeFor(before, action, request, now);
        cases.applyTransition(
                before.id(),
                action.name(),
                action.to(),
                change.teamCode(),
                change.assigneeStaffId(),
                change.duplicateOf(),
                change.dueAt(),
                now);
        if (action == CaseAction.MARK_DUPLICATE) {
            cases.moveSupporters(before.id(), change.duplicateOf(), now);
        }
        CaseUpdate update =
                new CaseUpdate(
                        updateId, caseId, action.to(), request.publicNote(), true, authorId, now);
        updates.insertUpdate(update);
        if (request.internalNote() != null) {
            updates.insertUpdate(
                    new CaseUpdate(
                            UUID.randomUUID(),
                            caseId,
                            action.to(),
                            request.internalNote(),
                            false,
                            authorId,
                            now.plus(1, ChronoUnit.MICROS)));
        }
        outbox.append(eventFor(before, action, change, now));
        return update;
    }

    /**
     * Adds a public update or an internal note without changing the status.
     *
     * @return the update, or empty if there is no such case
     */
    @Transactional
    public Optional<CaseUpdate> addUpdate(
            UUID caseId, String text, boolean isPublic, Caller author) {
        Optional<ServiceCase> found = cases.lock(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServiceCase current = found.get();
        CaseUpdate update =
                new CaseUpdate(
                        UUID.randomUUID(),
                        caseId,
                        current.status(),
                        text,
                        isPublic,
                        author.id(),
                        Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        updates.insertUpdate(update);
        if (isPublic) {
            outbox.append(
                    new CasePublicUpdateAdded(
                            caseId.toString(),
                            current.serviceCode(),
                            update.id().toString(),
                            current.status().wireValue(),
                            update.createdAt()));
        }
        return Optional.of(update);
    }

    /** The case's updates, oldest first; internal notes only for staff. */
    @Transactional(readOnly = true)
    public List<CaseUpdate> updates(UUID caseId, boolean includeInternal) {
        return updates.updates(caseId, includeInternal);
    }

    private Transition changeFor(
            ServiceCase before, CaseAction action, ActionRequest request, Instant now) {
        String team = before.teamCode();
        String assignee = before.assigneeStaffId();
        UUID duplicateOf = before.duplicateOf();
        Instant dueAt = before.dueAt();
        switch (action) {
            case ASSIGN -> {
                team =
                        request.teamCode() != null
                                ? request.teamCode()
                                : service(before).responsibleTeam();
                assignee = request.assigneeStaffId();
                requireAssignable(team, assignee);
            }
            case MARK_DUPLICATE -> {
                duplicateOf = request.duplicateOf();
                requireDuplicateTarget(before, duplicateOf);
            }
            case REOPEN -> dueAt = calendar.dueAt(now, targetOf(service(before)));
            default -> {
                // the status alone changes
            }
        }
        return new Transition(team, assignee, duplicateOf, dueAt);
    }

    private void requireAssignable(String team, String assignee) {
        if (assignee == null) {
            boolean knownTeam =
                    !directory.activeOfficers(team).isEmpty() || updates.isResponsibleTeam(team);
            if (!knownTeam) {
                throw new IllegalArgumentException(
                        "teamCode '" + team + "' is not a team with officers or services");
            }
            return;
        }
        boolean canWork =
                directory.find(assignee).map(member -> member.canWorkCasesFor(team)).orElse(false);
        if (!canWork) {
            throw new IllegalArgumentException(
                    "assigneeStaffId '" + assignee + "' is not an active officer in team " + team);
        }
    }

    private void requireDuplicateTarget(ServiceCase duplicate, UUID originalId) {
        if (originalId.equals(duplicate.id())) {
            throw new IllegalArgumentException("duplicateOf cannot be the case itself");
        }
        ServiceCase original =
                cases.find(originalId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "duplicateOf '" + originalId + "' is not a case"));
        if (!original.serviceCode().equals(duplicate.serviceCode())) {
            throw new IllegalArgumentException(
                    "duplicateOf '"
                            + originalId
                            + "' is a "
                            + original.serviceCode()
                            + " case; a duplicate must be of the same service");
        }
        boolean publicRealm = service(original).publicRealm();
        if (!publicRealm
                && !java.util.Objects.equals(original.submittedBy(), duplicate.submittedBy())) {
            // Merging makes the duplicate's reporter a follower of the original: for a personal
            // service that would show one person's request to another.
            throw new IllegalArgumentException(
                    "duplicateOf '"
                            + originalId
                            + "' is another person's request for a personal service; only the"
                            + " same person's requests can be merged");
        }
        if (!original.status().isOpen()) {
            throw new IllegalArgumentException(
                    "duplicateOf '"
                            + originalId
                            + "' is "
                            + original.status().wireValue()
                            + "; a duplicate must point at an open case");
        }
    }

    private CatalogueEntry service(ServiceCase record) {
        return catalogue
                .findIncludingWithdrawn(record.serviceCode())
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "service " + record.serviceCode() + " left the catalogue"));
    }

    private static ResponseTarget targetOf(CatalogueEntry service) {
        return new ResponseTarget(
                service.responseTarget(),
                ResponseTarget.Unit.fromCatalogue(service.responseUnit()));
    }

    /** The one event each action emits (design: a transition with its own type emits only it). */
    private static DomainEvent eventFor(
            ServiceCase before, CaseAction action, Transition change, Instant now) {
        String id = before.id().toString();
        String service = before.serviceCode();
        return switch (action) {
            case TRIAGE -> new CaseTriaged(id, service, now);
            case ASSIGN ->
                    new CaseAssigned(id, service, change.teamCode(), change.assigneeStaffId(), now);
            case RESOLVE ->
                    new CaseResolved(id, service, before.submittedAt(), before.dueAt(), now);
            case CLOSE -> new CaseClosed(id, service, now);
            case REOPEN ->
                    new CaseReopened(id, service, before.status().wireValue(), change.dueAt(), now);
            case MARK_DUPLICATE ->
                    new CaseMarkedDuplicate(id, service, change.duplicateOf().toString(), now);
            case START, REJECT ->
                    new CaseStatusChanged(
                            id, before.status().wireValue(), action.to().wireValue(), now);
        };
    }
}
