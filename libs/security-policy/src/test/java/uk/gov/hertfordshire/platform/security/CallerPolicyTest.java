package uk.gov.hertfordshire.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerPolicyTest {

    static final String STAFF = "https://login.example/staff";
    static final String CITIZENS = "https://login.example/citizens";
    static final String PARTNERS = "https://login.example/partners";

    final CallerPolicy policy =
            new CallerPolicy(
                    List.of(
                            new TrustedIssuer(
                                    STAFF,
                                    Set.of(Role.AGENT, Role.OFFICER, Role.ADMIN, Role.ANALYST)),
                            new TrustedIssuer(CITIZENS, Set.of(Role.CITIZEN)),
                            new TrustedIssuer(PARTNERS, Set.of(Role.PARTNER))));

    @Test
    void aStaffTokenGrantsItsStaffRolesAndStaffId() {
        Caller caller =
                policy.caller(
                        Map.of(
                                "iss",
                                STAFF,
                                "sub",
                                "dan",
                                "roles",
                                List.of("OFFICER", "ADMIN"),
                                "staff_id",
                                "00012345"));
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.OFFICER, Role.ADMIN);
        assertThat(caller.staffId()).isEqualTo("00012345");
        assertThat(caller.id()).isEqualTo(STAFF + "|dan");
    }

    @Test
    void aCitizenIssuerClaimingAdminGrantsNothingMoreThanCitizen() {
        Caller caller =
                policy.caller(
                        Map.of(
                                "iss",
                                CITIZENS,
                                "sub",
                                "alice",
                                "roles",
                                List.of("CITIZEN", "ADMIN"),
                                "staff_id",
                                "00099999"));
        assertThat(caller.roles()).containsExactly(Role.CITIZEN);
        assertThat(caller.staffId()).as("no staff role, no staff id").isNull();
    }

    @Test
    void aPartnerNeedsItsAgencyIdBesideOneThatHasIt() {
        Caller withAgency =
                policy.caller(
                        Map.of(
                                "iss",
                                PARTNERS,
                                "sub",
                                "c1",
                                "roles",
                                List.of("PARTNER"),
                                "agency_id",
                                "nhs-herts"));
        Caller withoutAgency =
                policy.caller(Map.of("iss", PARTNERS, "sub", "c1", "roles", List.of("PARTNER")));
        assertThat(withAgency.roles()).containsExactly(Role.PARTNER);
        assertThat(withAgency.agencyId()).isEqualTo("nhs-herts");
        assertThat(withoutAgency.roles()).isEmpty();
    }

    @Test
    void unknownRolesAndMalformedClaimsAreIgnored() {
        Caller caller =
                policy.caller(
                        Map.of(
                                "iss",
                                STAFF,
                                "sub",
                                "x",
                                "roles",
                                List.of("agent", "ROOT", 7, "AGENT")));
        assertThat(caller.roles()).containsExactly(Role.AGENT);
        assertThat(policy.caller(Map.of("iss", STAFF, "sub", "x", "roles", "ADMIN")).roles())
                .as("roles must be an array")
                .isEmpty();
    }

    @Test
    void anUntrustedIssuerOrAMissingSubjectIsRefused() {
        assertThatThrownBy(() -> policy.caller(Map.of("iss", "https://evil.example", "sub", "x")))
                .hasMessageContaining("not trusted");
        assertThatThrownBy(() -> policy.caller(Map.of("iss", STAFF)))
                .hasMessageContaining("subject");
    }

    @Test
    void authoritiesAreSpringRoleNames() {
        Caller caller = new Caller(STAFF, "x", Set.of(Role.ANALYST, Role.ADMIN), null, null, null);
        assertThat(CallerPolicy.authorities(caller)).containsExactly("ROLE_ADMIN", "ROLE_ANALYST");
    }
}
