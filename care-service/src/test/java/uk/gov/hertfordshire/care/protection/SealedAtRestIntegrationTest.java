package uk.gov.hertfordshire.care.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/** What PostgreSQL holds is unreadable without the key, and still readable after a rotation. */
@CareIntegrationTest
class SealedAtRestIntegrationTest {

    static final String KEY_ID_REPAIR = "db/migration/V5__key_id_names_every_sealed_value.sql";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired CareKeys keys;
    @Autowired FieldCipher cipher;
    @Autowired KeyRotation rotation;

    @Value("${platform.care.keys.file}")
    Path keyFile;

    @Test
    void theStoredRowHoldsNoPlaintextAndOpensOnlyWithItsKey() throws Exception {
        UUID id = new CareHttp(port).recordAdultReferral();
        byte[] sealed = sealedOf(id);
        String raw = new String(sealed, StandardCharsets.ISO_8859_1);

        assertThat(raw)
                .doesNotContain(
                        CareHttp.FAMILY, CareHttp.NHS_NUMBER, CareHttp.BIRTH_DATE, "Verulam");
        assertThat(
                        jdbc.sql("SELECT nhs_number_hash FROM referral WHERE id = :id")
                                .param("id", id)
                                .query(byte[].class)
                                .single())
                .hasSize(32)
                .isNotEqualTo(CareHttp.NHS_NUMBER.getBytes(StandardCharsets.US_ASCII));

        // Another key file whose key has the same id as the one the value is under.
        Path otherFile = Files.createTempDirectory("other-keys").resolve("keys.properties");
        CareKeys.load(otherFile, true);
        KeyFiles.edit(
                otherFile,
                properties -> {
                    properties.setProperty("key." + FieldCipher.keyIdOf(sealed), CareKeys.newKey());
                    properties.setProperty("active", FieldCipher.keyIdOf(sealed));
                });
        FieldCipher otherKey = new FieldCipher(CareKeys.load(otherFile, false));
        assertThatThrownBy(() -> otherKey.open(sealed, "referral:" + id))
                .hasMessageContaining("did not decrypt");
        FieldCipher rightKey = new FieldCipher(CareKeys.load(keyFile, false));
        assertThat(rightKey.open(sealed, "referral:" + id)).contains(CareHttp.FAMILY);
        assertThatThrownBy(() -> rightKey.open(sealed, "referral:" + UUID.randomUUID()))
                .as("a sealed value moved onto another record does not open")
                .hasMessageContaining("did not decrypt");
    }

    @Test
    void rotationReencryptsEveryRowUnderTheNewKeyAndTheReferralStillReads() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID id = http.recordAdultReferral();
        byte[] before = sealedOf(id);
        String newKeyId = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(keyFile, newKeyId);

        var response = http.post("/api/care/admin/key-rotation", CareHttp.admin(), "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"activeKeyId\":\"" + newKeyId + "\"", "\"remaining\":0");
        byte[] after = sealedOf(id);
        assertThat(FieldCipher.keyIdOf(before)).isNotEqualTo(newKeyId);
        assertThat(FieldCipher.keyIdOf(after)).isEqualTo(newKeyId);
        assertThat(
                        jdbc.sql("SELECT count(*) FROM referral WHERE key_id <> :k")
                                .param("k", newKeyId)
                                .query(Long.class)
                                .single())
                .isZero();
        var read = http.get("/api/care/referrals/" + id, CareHttp.practitioner());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(CareHttp.FAMILY, CareHttp.NHS_NUMBER);
    }

    @Test
    void aDecisionAfterTheActiveKeyChangedPutsItsWholeRowUnderTheNewKey() throws Exception {
        CareHttp http = new CareHttp(port);
        String before = keys.activeKeyId();
        // The control: proposed and decided under one key, the proposal's sealed value untouched.
        UUID same = http.recordAdultReferral();
        propose(http, same);
        byte[] proposedBefore = decisionRow(same).proposed();
        decide(http, same);
        DecisionRow control = decisionRow(same);
        assertThat(control.keyId()).isEqualTo(before);
        assertThat(control.proposed()).isEqualTo(proposedBefore);
        assertThat(FieldCipher.keyIdOf(control.decided())).isEqualTo(before);

        UUID id = http.recordAdultReferral();
        propose(http, id);
        assertThat(FieldCipher.keyIdOf(decisionRow(id).proposed())).isEqualTo(before);
        String newKey = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(keyFile, newKey);
        keys.reload();

        decide(http, id);

        DecisionRow row = decisionRow(id);
        assertThat(row.keyId()).isEqualTo(newKey);
        assertThat(FieldCipher.keyIdOf(row.proposed())).isEqualTo(newKey);
        assertThat(FieldCipher.keyIdOf(row.decided())).isEqualTo(newKey);

        // Nothing left under another key means nothing is: retire every other key, still readable.
        rotateToNothingRemaining(http, newKey);
        assertThat(rotation.remaining(newKey)).isZero();
        retireAllBut(newKey);
        assertDecisionReads(http, id);
        assertDecisionReads(http, same);
    }

    /**
     * An instance that has not yet taken up the new key decides what another proposed under it (as
     * every instance but the one asked to rotate did before each followed the key file): the row
     * goes under the older key, and says so, so the rotation to the new key still moves it.
     */
    @Test
    void aDecisionUnderAnOlderKeyThanItsProposalIsStillMovedByTheRotation() throws Exception {
        CareHttp http = new CareHttp(port);
        String older = keys.activeKeyId();
        UUID id = http.recordAdultReferral();
        String newer = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(keyFile, newer);
        keys.reload();
        propose(http, id);
        KeyFiles.edit(keyFile, properties -> properties.setProperty("active", older));
        keys.reload();

        decide(http, id);

        DecisionRow row = decisionRow(id);
        assertThat(row.keyId()).isEqualTo(older);
        assertThat(FieldCipher.keyIdOf(row.proposed())).isEqualTo(older);
        assertThat(FieldCipher.keyIdOf(row.decided())).isEqualTo(older);

        KeyFiles.edit(keyFile, properties -> properties.setProperty("active", newer));
        keys.reload();
        rotateToNothingRemaining(http, newer);
        row = decisionRow(id);
        assertThat(FieldCipher.keyIdOf(row.proposed())).isEqualTo(newer);
        assertThat(FieldCipher.keyIdOf(row.decided())).isEqualTo(newer);
        retireAllBut(newer);
        assertDecisionReads(http, id);
    }

    /** Migration V5 finds the rows the old decide left under two keys, so a rotation moves them. */
    @Test
    void rowsLeftUnderTwoKeysAreMarkedForTheNextRotation() throws Exception {
        CareHttp http = new CareHttp(port);
        String older = keys.activeKeyId();
        UUID id = http.recordAdultReferral();
        propose(http, id);
        decide(http, id);
        String newer = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(keyFile, newer);
        keys.reload();
        // The control: a row under the new key alone, which the repair leaves as it is.
        UUID uniform = http.recordAdultReferral();
        propose(http, uniform);
        decide(http, uniform);
        // As the old decide left a row: the decision under the older key, the proposal under the
        // newer one, and key_id naming only the newer; and a referral whose key_id is wrong.
        String proposal = "decision:" + id + ":proposed";
        jdbc.sql(
                        "UPDATE referral_decision SET proposed_reason = :proposed, key_id = :key"
                                + " WHERE referral_id = :id")
                .param("proposed", cipher.resealUnder(decisionRow(id).proposed(), proposal, newer))
                .param("key", newer)
                .param("id", id)
                .update();
        jdbc.sql("UPDATE referral SET key_id = :key WHERE id = :id")
                .param("key", newer)
                .param("id", id)
                .update();

        new ResourceDatabasePopulator(new ClassPathResource(KEY_ID_REPAIR)).execute(dataSource);

        assertThat(decisionRow(id).keyId()).isEqualTo(KeyRotation.MIXED);
        assertThat(referralKeyId(id)).isEqualTo(older);
        assertThat(decisionRow(uniform).keyId()).isEqualTo(newer);
        assertThat(referralKeyId(uniform)).isEqualTo(newer);
        rotateToNothingRemaining(http, newer);
        DecisionRow row = decisionRow(id);
        assertThat(row.keyId()).isEqualTo(newer);
        assertThat(FieldCipher.keyIdOf(row.proposed())).isEqualTo(newer);
        assertThat(FieldCipher.keyIdOf(row.decided())).isEqualTo(newer);
        assertThat(FieldCipher.keyIdOf(sealedOf(id))).isEqualTo(newer);
        retireAllBut(newer);
        assertDecisionReads(http, id);
    }

    private static void propose(CareHttp http, UUID id) throws Exception {
        HttpResponse<String> response =
                http.post(
                        "/api/care/referrals/" + id + "/proposal",
                        CareHttp.practitioner(),
                        "{\"outcome\":\"s42_enquiry\",\"reason\":\"Self-neglect, unsafe alone.\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void decide(CareHttp http, UUID id) throws Exception {
        HttpResponse<String> response =
                http.post(
                        "/api/care/referrals/" + id + "/decision",
                        CareHttp.careManager(),
                        "{\"outcome\":\"s42_enquiry\",\"reason\":\"Agreed: enquire now.\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void rotateToNothingRemaining(CareHttp http, String key) throws Exception {
        HttpResponse<String> response =
                http.post("/api/care/admin/key-rotation", CareHttp.admin(), "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"activeKeyId\":\"" + key + "\"", "\"remaining\":0");
    }

    /** Removes every data key but {@code kept} from the file, as an operator retiring old keys. */
    private void retireAllBut(String kept) throws Exception {
        KeyFiles.edit(
                keyFile,
                properties ->
                        properties.stringPropertyNames().stream()
                                .filter(
                                        name ->
                                                name.startsWith("key.")
                                                        && !name.equals("key." + kept))
                                .forEach(properties::remove));
        keys.reload();
    }

    /** The decision (both its reasons) and the referral read through the API. */
    private static void assertDecisionReads(CareHttp http, UUID id) throws Exception {
        HttpResponse<String> task =
                http.get("/fhir/r4/Task?focus=ServiceRequest/" + id, CareHttp.careManager());
        assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
        assertThat(task.body()).contains("s42_enquiry");
        HttpResponse<String> referral =
                http.get("/api/care/referrals/" + id, CareHttp.practitioner());
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(200);
    }

    private record DecisionRow(String keyId, byte[] proposed, byte[] decided) {}

    private DecisionRow decisionRow(UUID id) {
        return jdbc.sql(
                        "SELECT key_id, proposed_reason, decided_reason FROM referral_decision"
                                + " WHERE referral_id = :id")
                .param("id", id)
                .query((rs, n) -> new DecisionRow(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
                .single();
    }

    private String referralKeyId(UUID id) {
        return jdbc.sql("SELECT key_id FROM referral WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private byte[] sealedOf(UUID id) {
        return jdbc.sql("SELECT protected FROM referral WHERE id = :id")
                .param("id", id)
                .query(byte[].class)
                .single();
    }
}
