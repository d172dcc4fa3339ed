package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * As a partner would: partner-nhs-herts posts a FHIR referral through the gateway, a practitioner
 * proposes and caremanager-heidi decides, the partner reads the outcome back as a Task, and
 * partner-herts-police sees none of it.
 */
class CareReferralThroughThePlatformIT {

    static final String SITE = "https://fhir.hertfordshire.gov.uk";
    static final FhirContext FHIR = FhirContext.forR4();

    static {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private final Platform platform = new Platform();

    @Test
    void aPartnersReferralIsDecidedAndOnlyThatPartnerReadsTheOutcome() throws Exception {
        assertThat(
                        client(null)
                                .capabilities()
                                .ofType(CapabilityStatement.class)
                                .execute()
                                .getFhirVersion()
                                .toCode())
                .isEqualTo("4.0.1");
        String reference = UUID.randomUUID().toString();

        MethodOutcome created =
                client("partner-nhs-herts")
                        .create()
                        .resource(referral(reference))
                        .conditionalByUrl(
                                "ServiceRequest?identifier=https://nhs-herts.example/ref|"
                                        + reference)
                        .execute();
        String id = created.getId().getIdPart();
        assertThat(created.getCreated()).isTrue();

        decide(id, "practitioner-grace", "proposal");
        decide(id, "caremanager-heidi", "decision");

        Task task =
                (Task)
                        client("partner-nhs-herts")
                                .search()
                                .forResource(Task.class)
                                .where(Task.FOCUS.hasId("ServiceRequest/" + id))
                                .returnBundle(Bundle.class)
                                .execute()
                                .getEntryFirstRep()
                                .getResource();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("early_help");

        // The positive control for the refusal below: the same read of the same id, by the agency
        // that made the referral, answers 200 with it; only the partner differs.
        ServiceRequest owned =
                client("partner-nhs-herts")
                        .read()
                        .resource(ServiceRequest.class)
                        .withId(id)
                        .execute();
        assertThat(owned.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(owned.getIdentifier()).extracting(i -> i.getValue()).contains(reference);
        String read = "/fhir/r4/ServiceRequest/" + id;
        assertThat(platform.get(read, "partner-nhs-herts").statusCode())
                .as("the owner reads its referral")
                .isEqualTo(200);
        assertThat(platform.get(read, "partner-herts-police").statusCode())
                .as("another agency is told there is no such referral")
                .isEqualTo(404);
        assertThatThrownBy(
                        () ->
                                client("partner-herts-police")
                                        .read()
                                        .resource(ServiceRequest.class)
                                        .withId(id)
                                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(
                        client("partner-herts-police")
                                .search()
                                .forResource(Task.class)
                                .where(Task.FOCUS.hasId("ServiceRequest/" + id))
                                .returnBundle(Bundle.class)
                                .execute()
                                .getEntry())
                .isEmpty();
        assertThatThrownBy(
                        () ->
                                client(null)
                                        .read()
                                        .resource(ServiceRequest.class)
                                        .withId(id)
                                        .execute())
                .isInstanceOf(AuthenticationException.class);
    }

    private void decide(String id, String persona, String step) throws Exception {
        HttpResponse<String> response =
                platform.post(
                        "/api/care/referrals/" + id + "/" + step,
                        "{\"outcome\":\"early_help\",\"reason\":\"Family support will help.\"}",
                        Map.of("Authorization", "Bearer " + platform.token(persona)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private IGenericClient client(String persona) {
        IGenericClient client =
                FHIR.newRestfulGenericClient(
                        System.getProperty("platform.gateway", "http://127.0.0.1:8080")
                                + "/fhir/r4");
        if (persona != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(platform.token(persona)));
        }
        return client;
    }

    /** A referral as partner-nhs-herts sends it, under its own identifier {@code reference}. */
    static ServiceRequest referral(String reference) {
        Patient patient = new Patient();
        patient.setId("p");
        patient.addIdentifier()
                .setSystem("https://fhir.nhs.uk/Id/nhs-number")
                .setValue("9434765919");
        patient.addName().setFamily("Testperson").addGiven("Ada");
        patient.setBirthDateElement(new DateType("2017-05-20"));
        ServiceRequest request = new ServiceRequest();
        request.addContained(patient);
        request.setSubject(new Reference("#p"));
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.addIdentifier().setSystem("https://nhs-herts.example/ref").setValue(reference);
        request.addCategory()
                .addCoding()
                .setSystem(SITE + "/CodeSystem/care-referral-category")
                .setCode("child_in_need");
        request.addNote().setText("Family under strain after a parent's admission.");
        request.addExtension(SITE + "/StructureDefinition/consent-to-share", new CodeType("given"));
        request.addExtension(
                SITE + "/StructureDefinition/lawful-basis-article-6", new CodeType("6(1)(e)"));
        request.addExtension(
                SITE + "/StructureDefinition/lawful-basis-article-9", new CodeType("9(2)(h)"));
        return request;
    }
}
