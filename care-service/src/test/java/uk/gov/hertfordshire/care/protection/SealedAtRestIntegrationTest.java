package uk.gov.hertfordshire.care.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/** What PostgreSQL holds is unreadable without the key, and still readable after a rotation. */
@CareIntegrationTest
class SealedAtRestIntegrationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

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

        Path otherFile = Files.createTempDirectory("other-keys").resolve("keys.properties");
        FieldCipher otherKey = new FieldCipher(CareKeys.load(otherFile, true));
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
        String newKeyId = "r" + Long.toHexString(System.nanoTime());
        addActiveKey(newKeyId);

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

    private byte[] sealedOf(UUID id) {
        return jdbc.sql("SELECT protected FROM referral WHERE id = :id")
                .param("id", id)
                .query(byte[].class)
                .single();
    }

    private void addActiveKey(String id) throws Exception {
        Properties keys = new Properties();
        try (InputStream in = Files.newInputStream(keyFile)) {
            keys.load(in);
        }
        keys.setProperty("key." + id, CareKeys.newKey());
        keys.setProperty("active", id);
        try (OutputStream out = Files.newOutputStream(keyFile)) {
            keys.store(out, null);
        }
    }
}
