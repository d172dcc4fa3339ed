package uk.gov.hertfordshire.care.fhir;

import java.util.UUID;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Test referrals as a partner's system would write them (an object mother). */
final class Referrals {

    static final String PARTNER_SYSTEM = "https://nhs-herts.example/referrals";
    static final String FAMILY = "Featherstonehaugh";
    static final String GIVEN = "Imogen";
    static final String NHS_NUMBER = "9434765919";
    static final String BIRTH_DATE = "2016-04-02";
    static final String POSTCODE = "SG13 8DE";
    static final String CONCERNS = "Bruising noticed at the clinic; the child was withdrawn.";

    private Referrals() {}

    /** A child protection referral with a fresh identifier of the partner's own. */
    static ServiceRequest childProtection() {
        return childProtection(UUID.randomUUID().toString());
    }

    static ServiceRequest childProtection(String partnerReference) {
        Patient patient = new Patient();
        patient.setId("p");
        patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(NHS_NUMBER);
        patient.addName().setFamily(FAMILY).addGiven(GIVEN);
        patient.setBirthDateElement(new DateType(BIRTH_DATE));
        patient.addAddress().addLine("1 Pegs Lane").setCity("Hertford").setPostalCode(POSTCODE);

        ServiceRequest request = new ServiceRequest();
        request.addContained(patient);
        request.setSubject(new Reference("#p"));
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.addIdentifier().setSystem(PARTNER_SYSTEM).setValue(partnerReference);
        request.addCategory()
                .addCoding()
                .setSystem(FhirReferrals.CATEGORY_SYSTEM)
                .setCode("child_protection");
        request.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
        request.addReasonCode()
                .addCoding()
                .setSystem(FhirReferrals.RISK_SYSTEM)
                .setCode("physical_abuse");
        request.addNote().setText(CONCERNS);
        request.getRequester().setDisplay("Dr Rowena Quill");
        request.addExtension(FhirReferrals.EXT_CONSENT, new CodeType("not_sought"));
        request.addExtension(FhirReferrals.EXT_ARTICLE6, new CodeType("6(1)(e)"));
        request.addExtension(FhirReferrals.EXT_ARTICLE9, new CodeType("9(2)(g)"));
        request.addExtension(FhirReferrals.EXT_SCHEDULE1, new CodeType("para-18"));
        return request;
    }

    static Patient patientOf(ServiceRequest request) {
        return (Patient) request.getContained().get(0);
    }
}
