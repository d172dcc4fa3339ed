package uk.gov.hertfordshire.care.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.CareIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** A partner's FHIR round trip, through HAPI FHIR's own generic client. */
@CareIntegrationTest
class FhirIntakeIntegrationTest {

    static final FhirContext FHIR = FhirContext.forR4();

    static {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    IGenericClient client(String bearer) {
        IGenericClient client =
                FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir/r4");
        if (bearer != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearer.substring(7)));
        }
        return client;
    }

    static String nhs() {
        return TestIssuer.shared().partner("partner-nhs-herts", "nhs-herts").bearer();
    }

    static String police() {
        return TestIssuer.shared().partner("partner-herts-police", "herts-police").bearer();
    }

    @Test
    void theCapabilityStatementIsAnonymousAndOffersServiceRequestAndTask() {
        CapabilityStatement capabilities =
                client(null).capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(resource -> resource.getType())
                .contains("ServiceRequest", "Task");
    }

    @Test
    void aConditionalResendReturnsTheFirstReferralAndCreatesNothing() {
        String reference = UUID.randomUUID().toString();
        String condition =
                "ServiceRequest?identifier=" + Referrals.PARTNER_SYSTEM + "|" + reference;

        MethodOutcome first =
                client(nhs())
                        .create()
                        .resource(Referrals.childProtection(reference))
                        .conditionalByUrl(condition)
                        .execute();
        MethodOutcome again =
                client(nhs())
                        .create()
                        .resource(Referrals.childProtection(reference))
                        .conditionalByUrl(condition)
                        .execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(
                        jdbc.sql("SELECT count(*) FROM referral WHERE referrer_value = :v")
                                .param("v", reference)
                                .query(Long.class)
                                .single())
                .isEqualTo(1);
    }

    @Test
    void thePartnerReadsItsReferralBackActiveWithItsReferenceAndWithoutThePerson() {
        String id = create(nhs());

        ServiceRequest read =
                client(nhs()).read().resource(ServiceRequest.class).withId(id).execute();

        assertThat(read.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(read.getIdentifier())
                .anySatisfy(
                        identifier -> {
                            assertThat(identifier.getSystem())
                                    .isEqualTo(FhirReferrals.REFERENCE_SYSTEM);
                            assertThat(identifier.getValue()).matches("HCR-[0-9]{6}");
                        });
        assertThat(read.getContained()).isEmpty();
    }

    @Test
    void anotherAgencyCannotReadOrFindTheReferral() {
        String reference = UUID.randomUUID().toString();
        String id = create(nhs(), Referrals.childProtection(reference));

        assertThatThrownBy(
                        () ->
                                client(police())
                                        .read()
                                        .resource(ServiceRequest.class)
                                        .withId(id)
                                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(search(police(), reference).getEntry()).isEmpty();
        assertThat(search(nhs(), reference).getEntry()).hasSize(1);
    }

    @Test
    void theAgencyIsTheTokensWhateverTheBodySays() {
        ServiceRequest claimingPolice = Referrals.childProtection();
        claimingPolice
                .getRequester()
                .getIdentifier()
                .setSystem("agency_id")
                .setValue("herts-police");
        claimingPolice
                .addPerformer()
                .getIdentifier()
                .setSystem("agency_id")
                .setValue("herts-police");

        String id = create(nhs(), claimingPolice);

        assertThat(
                        jdbc.sql("SELECT agency_id FROM referral WHERE id = CAST(:id AS uuid)")
                                .param("id", id)
                                .query(String.class)
                                .single())
                .isEqualTo("nhs-herts");
        assertThatThrownBy(
                        () ->
                                client(police())
                                        .read()
                                        .resource(ServiceRequest.class)
                                        .withId(id)
                                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aWrongNhsCheckDigitIsA422NamingThePatientIdentifierWhileTheRightOneIsAccepted() {
        ServiceRequest wrong = Referrals.childProtection();
        Referrals.patientOf(wrong).getIdentifierFirstRep().setValue("9434765918");

        assertThatThrownBy(() -> client(nhs()).create().resource(wrong).execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        refused -> {
                            OperationOutcome outcome =
                                    (OperationOutcome) refused.getOperationOutcome();
                            assertThat(outcome.getIssueFirstRep().getExpression())
                                    .extracting(Object::toString)
                                    .containsExactly("Patient.identifier");
                        });
        assertThat(create(nhs(), Referrals.childProtection())).isNotBlank();
    }

    @Test
    void aReferralWithoutAPersonOrWithAnUnknownCategoryIsA422NamingTheElement() {
        ServiceRequest noPerson = Referrals.childProtection();
        noPerson.getContained().clear();
        noPerson.setSubject(null);
        ServiceRequest unknownCategory = Referrals.childProtection();
        unknownCategory.getCategoryFirstRep().getCodingFirstRep().setCode("elderly_care");

        assertThat(diagnostics(noPerson)).contains("ServiceRequest.subject");
        assertThat(diagnostics(unknownCategory)).contains("ServiceRequest.category");
    }

    @Test
    void aRiskCodingWithoutItsCodeIsA422NamingTheReasonCode() {
        ServiceRequest noCode = Referrals.childProtection();
        noCode.getReasonCodeFirstRep().getCodingFirstRep().setCode(null);

        assertThat(diagnostics(noCode)).contains("ServiceRequest.reasonCode");
        // The control, the code put back: accepted.
        ServiceRequest withCode = Referrals.childProtection();
        assertThat(withCode.getReasonCodeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("physical_abuse");
        assertThat(create(nhs(), withCode)).isNotBlank();
    }

    @Test
    void aConditionThatIsNotPercentEncodedIsA400() throws Exception {
        String reference = UUID.randomUUID().toString();
        String body =
                FHIR.newJsonParser().encodeResourceToString(Referrals.childProtection(reference));

        HttpResponse<String> bad =
                postWithCondition(body, "identifier=" + Referrals.PARTNER_SYSTEM + "|%ZZ");
        HttpResponse<String> good =
                postWithCondition(body, "identifier=" + Referrals.PARTNER_SYSTEM + "|" + reference);

        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("OperationOutcome", "If-None-Exist");
        assertThat(bad.body()).doesNotContain("at ca.uhn", "Exception");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
    }

    /** A ServiceRequest posted as raw JSON, with {@code If-None-Exist} unless it is null. */
    private HttpResponse<String> postWithCondition(String body, String condition) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/fhir/r4/ServiceRequest"))
                        .header("Authorization", nhs())
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (condition != null) {
            request.header("If-None-Exist", condition);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResourceThatDoesNotParseIsA400OperationOutcomeWithoutInternals() throws Exception {
        HttpResponse<String> response =
                postWithCondition(
                        "{\"resourceType\":\"ServiceRequest\",\"status\":\"active\","
                                + "\"smuggled\":1}",
                        null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("smuggled");
        assertThat(response.body()).doesNotContain("at ca.uhn", "Exception");
    }

    @Test
    void theDecisionIsReadableAsATaskOnlyByTheReferringAgency() throws Exception {
        String id = create(nhs());
        Bundle before = tasks(nhs(), id);
        assertThat(((Task) before.getEntryFirstRep().getResource()).getStatus())
                .isEqualTo(Task.TaskStatus.INPROGRESS);

        DecisionHttp decisions = new DecisionHttp(port);
        decisions.propose(id, "child_and_family_assessment", "Injuries need assessing.");
        decisions.decide(id, "child_and_family_assessment", "Agreed: assess within 45 days.");

        Task task = (Task) tasks(nhs(), id).getEntryFirstRep().getResource();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode())
                .isEqualTo("child_and_family_assessment");
        assertThat(task.getFocus().getReference()).isEqualTo("ServiceRequest/" + id);
        assertThat(
                        client(nhs())
                                .read()
                                .resource(ServiceRequest.class)
                                .withId(id)
                                .execute()
                                .getStatus())
                .isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
        assertThat(tasks(police(), id).getEntry()).isEmpty();
    }

    private String diagnostics(ServiceRequest request) {
        try {
            client(nhs()).create().resource(request).execute();
        } catch (UnprocessableEntityException refused) {
            OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
            return outcome.getIssueFirstRep().getExpression().toString();
        }
        throw new AssertionError("the referral was accepted");
    }

    private Bundle tasks(String bearer, String id) {
        return client(bearer)
                .search()
                .forResource(Task.class)
                .where(Task.FOCUS.hasId("ServiceRequest/" + id))
                .returnBundle(Bundle.class)
                .execute();
    }

    private Bundle search(String bearer, String reference) {
        return client(bearer)
                .search()
                .forResource(ServiceRequest.class)
                .where(
                        ServiceRequest.IDENTIFIER
                                .exactly()
                                .systemAndCode(Referrals.PARTNER_SYSTEM, reference))
                .returnBundle(Bundle.class)
                .execute();
    }

    private String create(String bearer) {
        return create(bearer, Referrals.childProtection());
    }

    private String create(String bearer, ServiceRequest request) {
        return client(bearer).create().resource(request).execute().getId().getIdPart();
    }
}
