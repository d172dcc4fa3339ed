package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import uk.gov.hertfordshire.care.referral.NewReferral;
import uk.gov.hertfordshire.care.referral.NhsNumber;
import uk.gov.hertfordshire.care.referral.Person;
import uk.gov.hertfordshire.care.referral.Referral;

/**
 * How a referral is written in FHIR R4: a {@code ServiceRequest} with the person as a contained
 * {@code Patient}. The code systems and extensions below are the council's; the NHS number is NHS
 * England's system.
 */
final class FhirReferrals {

    static final String BASE = "https://fhir.hertfordshire.gov.uk";
    static final String CATEGORY_SYSTEM = BASE + "/CodeSystem/care-referral-category";
    static final String RISK_SYSTEM = BASE + "/CodeSystem/care-risk-indicator";
    static final String CIN_NEED_SYSTEM = BASE + "/CodeSystem/cin-primary-need";
    static final String OUTCOME_SYSTEM = BASE + "/CodeSystem/care-referral-outcome";
    static final String REFERENCE_SYSTEM = BASE + "/Id/care-referral";
    static final String EXT = BASE + "/StructureDefinition/";
    static final String EXT_SOURCE = EXT + "cin-referral-source";
    static final String EXT_CONSENT = EXT + "consent-to-share";
    static final String EXT_ARTICLE6 = EXT + "lawful-basis-article-6";
    static final String EXT_ARTICLE9 = EXT + "lawful-basis-article-9";
    static final String EXT_SCHEDULE1 = EXT + "dpa-2018-schedule-1-condition";

    /** The FHIR element each rule's field is sent in, so an OperationOutcome can name it. */
    static final Map<String, String> ELEMENTS =
            Map.ofEntries(
                    Map.entry("category", "ServiceRequest.category"),
                    Map.entry("priority", "ServiceRequest.priority"),
                    Map.entry("person", "ServiceRequest.subject"),
                    Map.entry("person.familyName", "Patient.name.family"),
                    Map.entry("person.givenName", "Patient.name.given"),
                    Map.entry("person.birthDate", "Patient.birthDate"),
                    Map.entry("person.nhsNumber", "Patient.identifier"),
                    Map.entry("person.address", "Patient.address"),
                    Map.entry("person.postcode", "Patient.address.postalCode"),
                    Map.entry("concerns", "ServiceRequest.note"),
                    Map.entry("referrerName", "ServiceRequest.requester"),
                    Map.entry("referrerIdentifier", "ServiceRequest.identifier"),
                    Map.entry("referrerIdentifier.system", "ServiceRequest.identifier.system"),
                    Map.entry("referrerIdentifier.value", "ServiceRequest.identifier.value"),
                    Map.entry("riskIndicators", "ServiceRequest.reasonCode"),
                    Map.entry("primaryNeedCode", "ServiceRequest.reasonCode"),
                    Map.entry("sourceCode", extensionPath(EXT_SOURCE)),
                    Map.entry("consent", extensionPath(EXT_CONSENT)),
                    Map.entry("article6", extensionPath(EXT_ARTICLE6)),
                    Map.entry("article9", extensionPath(EXT_ARTICLE9)),
                    Map.entry("schedule1Condition", extensionPath(EXT_SCHEDULE1)));

    private FhirReferrals() {}

    /** The referral a ServiceRequest describes; what is missing is left null for the rules. */
    static NewReferral fromServiceRequest(ServiceRequest request) {
        Identifier identifier = request.getIdentifierFirstRep();
        List<String> risks = new ArrayList<>();
        String need = null;
        List<String> concerns = new ArrayList<>();
        for (CodeableConcept reason : request.getReasonCode()) {
            for (Coding coding : reason.getCoding()) {
                if (RISK_SYSTEM.equals(coding.getSystem())) {
                    risks.add(coding.getCode());
                } else if (CIN_NEED_SYSTEM.equals(coding.getSystem())) {
                    need = coding.getCode();
                }
            }
            if (reason.hasText()) {
                concerns.add(reason.getText());
            }
        }
        request.getNote().forEach(note -> concerns.add(note.getText()));
        return new NewReferral(
                identifier.getSystem(),
                identifier.getValue(),
                codeIn(request.getCategory(), CATEGORY_SYSTEM),
                request.hasPriority() ? request.getPriority().toCode() : "routine",
                person(request),
                request.getRequester().getDisplay(),
                concerns.isEmpty() ? null : String.join("\n\n", concerns),
                risks,
                extension(request, EXT_SOURCE),
                need,
                extension(request, EXT_CONSENT),
                extension(request, EXT_ARTICLE6),
                extension(request, EXT_ARTICLE9),
                extension(request, EXT_SCHEDULE1));
    }

    private static Person person(ServiceRequest request) {
        Patient patient = null;
        for (Resource contained : request.getContained()) {
            if (contained instanceof Patient found) {
                patient = found;
            }
        }
        if (patient == null) {
            return null;
        }
        HumanName name = patient.getNameFirstRep();
        String nhsNumber =
                patient.getIdentifier().stream()
                        .filter(id -> NhsNumber.SYSTEM.equals(id.getSystem()))
                        .map(Identifier::getValue)
                        .findFirst()
                        .orElse(null);
        Address address = patient.getAddressFirstRep();
        String addressText =
                address.hasText()
                        ? address.getText()
                        : address.getLine().stream()
                                        .map(StringType::getValue)
                                        .collect(Collectors.joining(", "))
                                + (address.hasCity() ? ", " + address.getCity() : "");
        return new Person(
                name.getGivenAsSingleString().isBlank() ? null : name.getGivenAsSingleString(),
                name.getFamily(),
                birthDate(patient),
                nhsNumber,
                addressText.isBlank() ? null : addressText,
                address.getPostalCode());
    }

    private static LocalDate birthDate(Patient patient) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        if (patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            throw FhirOutcomes.unprocessable(
                    "Patient.birthDate", "give the full date of birth (year, month and day)");
        }
        return LocalDate.parse(patient.getBirthDateElement().getValueAsString());
    }

    /**
     * The referral as its reader may see it. A partner sees what it needs to follow its referral
     * (identifiers, codes, status); care staff also see the person as a contained Patient.
     */
    static ServiceRequest toServiceRequest(Referral referral, boolean withPerson) {
        ServiceRequest request = new ServiceRequest();
        request.setId(referral.id().toString());
        if (referral.referrerSystem() != null) {
            request.addIdentifier()
                    .setSystem(referral.referrerSystem())
                    .setValue(referral.referrerValue());
        }
        request.addIdentifier().setSystem(REFERENCE_SYSTEM).setValue(referral.reference());
        request.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(referral.status()));
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.addCategory().addCoding().setSystem(CATEGORY_SYSTEM).setCode(referral.category());
        request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(referral.priority()));
        request.setAuthoredOn(Date.from(referral.receivedAt()));
        if (withPerson && referral.details() != null) {
            Person person = referral.details().person();
            Patient patient = new Patient();
            patient.setId("person");
            if (person.nhsNumber() != null) {
                patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(person.nhsNumber());
            }
            HumanName name = patient.addName().setFamily(person.familyName());
            if (person.givenName() != null) {
                name.addGiven(person.givenName());
            }
            patient.setBirthDateElement(new DateType(person.birthDate().toString()));
            if (person.address() != null || person.postcode() != null) {
                patient.addAddress().setText(person.address()).setPostalCode(person.postcode());
            }
            request.addContained(patient);
            request.setSubject(new Reference("#person"));
        }
        return request;
    }

    private static String codeIn(List<CodeableConcept> concepts, String system) {
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                if (system.equals(coding.getSystem())) {
                    return coding.getCode();
                }
            }
        }
        return null;
    }

    private static String extension(ServiceRequest request, String url) {
        Extension extension = request.getExtensionByUrl(url);
        if (extension == null || !(extension.getValue() instanceof PrimitiveType<?> value)) {
            return null;
        }
        return value.getValueAsString();
    }

    private static String extensionPath(String url) {
        return "ServiceRequest.extension('" + url + "')";
    }
}
