package uk.gov.hertfordshire.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;

/**
 * What leaves the service on care.events, and what it logs, carries no name, date of birth, NHS
 * number, address, postcode or narrative: checked on the serialized Kafka records (value and every
 * header) and on the captured log output, after a referral is received, proposed and decided.
 */
@CareIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataLeavesIntegrationTest {

    static final String REASON = "Lives alone since his wife Marguerite died in March.";

    @LocalServerPort int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void careEventsAndLogsCarryIdsAndCodesOnly(CapturedOutput output) throws Exception {
        CareHttp http = new CareHttp(port);
        UUID id = http.recordAdultReferral();
        String proposal = "{\"outcome\":\"s42_enquiry\",\"reason\":\"" + REASON + "\"}";
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + id + "/proposal",
                                        CareHttp.practitioner(),
                                        proposal)
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + id + "/decision",
                                        CareHttp.careManager(),
                                        proposal)
                                .statusCode())
                .isEqualTo(200);
        // A refused referral's content must not reach the log through its error either.
        http.post(
                "/api/care/referrals",
                CareHttp.agent(),
                CareHttp.adultReferralJson().replace(CareHttp.NHS_NUMBER, "4010232138"));

        List<String> serialized = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            serialized.clear();
                            for (ConsumerRecord<String, byte[]> record :
                                    KafkaTopicReader.readAll(kafka, Topics.CARE)) {
                                if (id.toString().equals(record.key())) {
                                    serialized.add(serialize(record));
                                }
                            }
                            assertThat(serialized).hasSize(2);
                        });

        assertThat(String.join("\n", serialized))
                .contains("referral-received.v1", "referral-decided.v1", "s42_enquiry");
        for (String leaked : personal()) {
            assertThat(serialized).noneMatch(message -> message.contains(leaked));
            assertThat(output.getAll()).doesNotContain(leaked);
        }
    }

    private static List<String> personal() {
        return List.of(
                CareHttp.FAMILY,
                CareHttp.GIVEN,
                CareHttp.BIRTH_DATE,
                CareHttp.NHS_NUMBER,
                "4010232138",
                "401 023 2137",
                CareHttp.POSTCODE,
                "Verulam",
                "Wendover",
                CareHttp.CONCERNS,
                "Marguerite");
    }

    private static String serialize(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            text.append('\n')
                    .append(header.key())
                    .append('=')
                    .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
