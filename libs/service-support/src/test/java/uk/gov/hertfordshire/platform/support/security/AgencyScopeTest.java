package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

class AgencyScopeTest {

    static final String PARTNERS = "https://login.example/partners";
    static final String STAFF = "https://login.example/staff";

    final Caller nhsHerts = partner("partner-nhs-herts", "nhs-herts");

    @Test
    void aPartnerMayReadWhatItsOwnAgencySentBesideAnotherAgencysReferral() {
        assertThat(AgencyScope.mayRead(nhsHerts, "nhs-herts")).isTrue();
        assertThat(AgencyScope.mayRead(nhsHerts, "herts-police")).isFalse();
    }

    @Test
    void theAgencyMustMatchExactly() {
        assertThat(AgencyScope.mayRead(nhsHerts, "NHS-HERTS")).isFalse();
        assertThat(AgencyScope.mayRead(nhsHerts, "nhs-herts ")).isFalse();
    }

    @Test
    void aRecordNoAgencySentIsNoPartnersBesideOneItsAgencySent() {
        assertThat(AgencyScope.mayRead(nhsHerts, null)).isFalse();
        assertThat(AgencyScope.mayRead(nhsHerts, "nhs-herts")).isTrue();
    }

    @Test
    void aNonPartnerGetsNothingThroughThisRuleEvenWithAnAgencyId() {
        Caller practitioner =
                new Caller(
                        STAFF, "grace", Set.of(Role.PRACTITIONER), "00012345", "nhs-herts", null);
        Caller admin = new Caller(STAFF, "judy", Set.of(Role.ADMIN), "00000001", null, null);

        assertThat(AgencyScope.mayRead(practitioner, "nhs-herts")).isFalse();
        assertThat(AgencyScope.mayRead(admin, "nhs-herts")).isFalse();
        assertThat(AgencyScope.mayRead(null, "nhs-herts")).isFalse();
    }

    @Test
    void aPartnerWithoutAnAgencyIdReadsNothing() {
        Caller noAgency = new Caller(PARTNERS, "c1", Set.of(Role.PARTNER), null, null, "c1");

        assertThat(AgencyScope.mayRead(noAgency, null)).isFalse();
        assertThat(AgencyScope.mayRead(noAgency, "nhs-herts")).isFalse();
    }

    private static Caller partner(String clientId, String agencyId) {
        return new Caller(PARTNERS, clientId, Set.of(Role.PARTNER), null, agencyId, clientId);
    }
}
