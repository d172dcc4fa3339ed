package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.care.referral.Intake;
import uk.gov.hertfordshire.care.referral.InvalidReferralException;
import uk.gov.hertfordshire.care.referral.NewReferral;
import uk.gov.hertfordshire.care.referral.Referral;
import uk.gov.hertfordshire.care.referral.ReferralAccess;
import uk.gov.hertfordshire.care.referral.ReferralProperties;
import uk.gov.hertfordshire.care.referral.Referrals;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * {@code /fhir/r4/ServiceRequest}: a partner agency sends a referral (conditionally, on its own
 * identifier) and follows it. The agency is always the token's {@code agency_id}; nothing in the
 * body can name another. Reads and searches see the caller's own agency's referrals only (care
 * staff see all): another agency's referral is a 404, its identifier an empty Bundle.
 */
@Component
class ServiceRequestProvider implements IResourceProvider {

    private final Referrals referrals;
    private final ReferralProperties properties;

    ServiceRequestProvider(Referrals referrals, ReferralProperties properties) {
        this.referrals = referrals;
        this.properties = properties;
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Create
    public MethodOutcome create(
            @ResourceParam ServiceRequest request, @ConditionalUrlParam String ifNoneExist) {
        Caller caller = FhirCaller.current();
        if (!caller.has(Role.PARTNER) || caller.agencyId() == null) {
            throw new ForbiddenOperationException(
                    "Referrals are sent through FHIR by partner agencies; staff record them at"
                            + " /api/care/referrals.");
        }
        NewReferral sent = FhirReferrals.fromServiceRequest(request);
        if (ifNoneExist != null) {
            String[] wanted = conditionalIdentifier(ifNoneExist);
            if (!Objects.equals(wanted[0], sent.referrerSystem())
                    || !Objects.equals(wanted[1], sent.referrerValue())) {
                throw FhirOutcomes.unprocessable(
                        "ServiceRequest.identifier",
                        "If-None-Exist names an identifier this ServiceRequest does not carry");
            }
        }
        Intake intake;
        try {
            intake =
                    referrals.receive(
                            sent,
                            caller.agencyId(),
                            properties.sourceOf(caller.agencyId()),
                            caller);
        } catch (InvalidReferralException invalid) {
            throw FhirOutcomes.unprocessable(invalid.problems());
        }
        MethodOutcome outcome =
                new MethodOutcome(new IdType("ServiceRequest", intake.referral().id().toString()));
        outcome.setCreated(intake.created());
        outcome.setResource(FhirReferrals.toServiceRequest(intake.referral(), false));
        return outcome;
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
        Caller caller = FhirCaller.current();
        return referral(id.getIdPart(), caller, "referrer-status")
                .map(
                        referral ->
                                FhirReferrals.toServiceRequest(
                                        referral, ReferralAccess.isCareStaff(caller)))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<ServiceRequest> byIdentifier(
            @RequiredParam(name = ServiceRequest.SP_IDENTIFIER) TokenParam identifier) {
        Caller caller = FhirCaller.current();
        if (identifier.getSystem() == null || identifier.getValue() == null) {
            throw new InvalidRequestException("Search by identifier=<system>|<value>.");
        }
        return referrals
                .findByIdentifier(caller, identifier.getSystem(), identifier.getValue())
                .stream()
                .map(
                        referral ->
                                FhirReferrals.toServiceRequest(
                                        referral, ReferralAccess.isCareStaff(caller)))
                .toList();
    }

    /** A referral the caller may read, by its FHIR id; an id that is not ours is simply absent. */
    Optional<Referral> referral(String id, Caller caller, String purpose) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return referrals.read(
                uuid, caller, ReferralAccess.isCareStaff(caller) ? "triage" : purpose);
    }

    /** {@code identifier=<system>|<value>}, with or without a leading {@code ServiceRequest?}. */
    private static String[] conditionalIdentifier(String ifNoneExist) {
        String query = ifNoneExist.substring(ifNoneExist.indexOf('?') + 1);
        if (!query.startsWith("identifier=") || query.contains("&")) {
            throw new InvalidRequestException("If-None-Exist must be identifier=<system>|<value>.");
        }
        String token;
        try {
            token =
                    URLDecoder.decode(
                            query.substring("identifier=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new InvalidRequestException(
                    "If-None-Exist must be identifier=<system>|<value>, percent-encoded.");
        }
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw new InvalidRequestException("If-None-Exist must be identifier=<system>|<value>.");
        }
        return new String[] {token.substring(0, bar), token.substring(bar + 1)};
    }
}
