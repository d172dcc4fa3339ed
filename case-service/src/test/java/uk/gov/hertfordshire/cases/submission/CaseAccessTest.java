package uk.gov.hertfordshire.cases.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.cases.servicecase.Place;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

class CaseAccessTest {

    static final String CITIZENS = "https://login.example/citizens";
    static final String STAFF = "https://login.example/staff";

    final Caller alice = caller(CITIZENS, "alice", Role.CITIZEN);
    final Caller bob = caller(CITIZENS, "bob", Role.CITIZEN);
    final Caller carol = caller(STAFF, "carol", Role.AGENT);

    @Test
    void aCitizenSubmitsOnlineButCannotClaimAContactCentreChannel() {
        CaseAccess.requireChannelAllowed(alice, Channel.WEB);
        CaseAccess.requireChannelAllowed(alice, Channel.APP);

        for (Channel channel : Set.of(Channel.PHONE, Channel.FACE_TO_FACE, Channel.EMAIL)) {
            assertThatThrownBy(() -> CaseAccess.requireChannelAllowed(alice, channel))
                    .hasMessageContaining("'" + channel.wireValue() + "'")
                    .hasMessageContaining("web, app");
        }
    }

    @Test
    void anAgentRecordsContactCentreChannelsButNotOnlineOnes() {
        CaseAccess.requireChannelAllowed(carol, Channel.PHONE);
        CaseAccess.requireChannelAllowed(carol, Channel.FACE_TO_FACE);
        CaseAccess.requireChannelAllowed(carol, Channel.EMAIL);

        assertThatThrownBy(() -> CaseAccess.requireChannelAllowed(carol, Channel.WEB))
                .hasMessageContaining("phone, face_to_face, email");
    }

    @Test
    void nobodySubmitsAsOpen311HereAndOtherRolesSubmitNothing() {
        assertThat(CaseAccess.channelsFor(alice)).doesNotContain(Channel.OPEN311);
        assertThat(CaseAccess.channelsFor(carol)).doesNotContain(Channel.OPEN311);
        assertThat(CaseAccess.channelsFor(caller(STAFF, "dan", Role.OFFICER))).isEmpty();
    }

    @Test
    void aCitizenReadsTheirOwnCaseBesideAnotherCitizensWhichTheyCannot() {
        ServiceCase alicesCase = submittedBy(alice.id());

        assertThat(CaseAccess.mayRead(alice, alicesCase)).isTrue();
        assertThat(CaseAccess.mayRead(bob, alicesCase)).isFalse();
    }

    @Test
    void theSameSubjectAtAnotherIssuerIsSomeoneElse() {
        Caller otherAlice = caller("https://evil.example/citizens", "alice", Role.CITIZEN);

        assertThat(CaseAccess.mayRead(otherAlice, submittedBy(alice.id()))).isFalse();
    }

    @Test
    void agentsOfficersAndAdminsReadAnyCaseButOtherStaffDoNot() {
        ServiceCase alicesCase = submittedBy(alice.id());

        assertThat(CaseAccess.mayRead(carol, alicesCase)).isTrue();
        assertThat(CaseAccess.mayRead(caller(STAFF, "dan", Role.OFFICER), alicesCase)).isTrue();
        assertThat(CaseAccess.mayRead(caller(STAFF, "judy", Role.ADMIN), alicesCase)).isTrue();
        assertThat(CaseAccess.mayRead(caller(STAFF, "erin", Role.EDITOR), alicesCase)).isFalse();
        assertThat(CaseAccess.mayRead(caller(STAFF, "ivan", Role.ANALYST), alicesCase)).isFalse();
    }

    @Test
    void aCaseWithNoRecordedSubmitterIsNoCitizensBesideStaffWhoSeeIt() {
        ServiceCase legacy = submittedBy(null);

        assertThat(CaseAccess.mayRead(alice, legacy)).isFalse();
        assertThat(CaseAccess.mayRead(carol, legacy)).isTrue();
    }

    private static Caller caller(String issuer, String subject, Role role) {
        return new Caller(issuer, subject, Set.of(role), null, null, null);
    }

    private static ServiceCase submittedBy(String submitter) {
        return ServiceCase.submitted(
                "pothole",
                Channel.WEB,
                null,
                null,
                Place.NONE,
                Instant.parse("2026-07-01T09:00:00Z"),
                submitter,
                null,
                null);
    }
}
