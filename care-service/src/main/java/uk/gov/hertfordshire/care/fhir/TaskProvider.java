package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.care.decision.Decision;
import uk.gov.hertfordshire.care.decision.Decisions;
import uk.gov.hertfordshire.care.referral.Referral;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code GET /fhir/r4/Task?focus=ServiceRequest/{id}}: the council's work on a referral as a Task,
 * {@code in-progress} until decided, then {@code completed} with the outcome as its business
 * status. The outcome code only: the reasons stay with care staff. Scoped like the referral itself:
 * another agency's referral gives an empty Bundle.
 */
@Component
class TaskProvider implements IResourceProvider {

    private final ServiceRequestProvider serviceRequests;
    private final Decisions decisions;

    TaskProvider(ServiceRequestProvider serviceRequests, Decisions decisions) {
        this.serviceRequests = serviceRequests;
        this.decisions = decisions;
    }

    @Override
    public Class<Task> getResourceType() {
        return Task.class;
    }

    @Search
    public List<Task> byFocus(@RequiredParam(name = Task.SP_FOCUS) ReferenceParam focus) {
        Caller caller = FhirCaller.current();
        if (focus.getResourceType() != null && !"ServiceRequest".equals(focus.getResourceType())) {
            return List.of();
        }
        return serviceRequests
                .referral(focus.getIdPart(), caller, "referrer-outcome")
                .map(referral -> task(referral, decisions.find(referral.id()).orElse(null)))
                .stream()
                .toList();
    }

    private static Task task(Referral referral, Decision decision) {
        Task task = new Task();
        task.setId(referral.id().toString());
        task.setIntent(Task.TaskIntent.ORDER);
        task.setFocus(new Reference("ServiceRequest/" + referral.id()));
        task.setAuthoredOn(Date.from(referral.receivedAt()));
        if (decision != null && decision.isDecided()) {
            task.setStatus(Task.TaskStatus.COMPLETED);
            task.setBusinessStatus(
                    new CodeableConcept()
                            .addCoding(
                                    new org.hl7.fhir.r4.model.Coding(
                                            FhirReferrals.OUTCOME_SYSTEM,
                                            decision.outcome(),
                                            null)));
            task.setLastModified(Date.from(decision.decidedAt()));
        } else {
            task.setStatus(Task.TaskStatus.INPROGRESS);
        }
        return task;
    }
}
