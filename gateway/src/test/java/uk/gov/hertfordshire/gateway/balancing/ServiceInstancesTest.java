package uk.gov.hertfordshire.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.mock.env.MockEnvironment;

/** How {@code platform.services.<service>} is read: one base URI or several, nothing else. */
class ServiceInstancesTest {

    @Test
    void oneUriOrSeveralSeparatedByCommas() {
        ServiceInstances instances =
                ServiceInstances.from(
                        new MockEnvironment()
                                .withProperty(
                                        "platform.services.case-service",
                                        "http://127.0.0.1:8181, http://127.0.0.1:8281")
                                .withProperty(
                                        "platform.services.content-service",
                                        "http://content-service:8082"));

        assertThat(instances.of("case-service"))
                .extracting(ServiceInstance::getHost, ServiceInstance::getPort)
                .containsExactly(tuple("127.0.0.1", 8181), tuple("127.0.0.1", 8281));
        assertThat(instances.replicated("case-service")).isTrue();
        assertThat(instances.of("content-service"))
                .extracting(ServiceInstance::getUri)
                .containsExactly(URI.create("http://content-service:8082"));
        assertThat(instances.replicated("content-service")).isFalse();
        assertThat(instances.of("care-service")).isEmpty();
    }

    @Test
    void aUriThatIsNotABaseUriStopsTheStartRatherThanMisroute() {
        for (String wrong :
                new String[] {
                    "127.0.0.1:8181",
                    "http://127.0.0.1",
                    "http://127.0.0.1:8181/api",
                    "ftp://h:1",
                    " , "
                }) {
            assertThatThrownBy(
                            () ->
                                    ServiceInstances.from(
                                            new MockEnvironment()
                                                    .withProperty(
                                                            "platform.services.case-service",
                                                            wrong)))
                    .as(wrong)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("platform.services.case-service");
        }
    }
}
