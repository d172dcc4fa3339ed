package uk.gov.hertfordshire.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5"));

    @Test
    void believesForwardedForOnlyFromATrustedProxy() {
        assertThat(behindProxy.of(request("10.0.0.5", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindProxy.of(request("192.0.2.1", "198.51.100.7")))
                .as("anyone else's header is ignored")
                .isEqualTo("192.0.2.1");
    }

    @Test
    void takesTheLastHopThatIsNotOneOfOurProxies() {
        // The client wrote a fake first hop; our proxy appended the address it really saw.
        assertThat(behindProxy.of(request("10.0.0.5", "1.2.3.4, 198.51.100.7")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void fallsBackToThePeerWithoutAHeader() {
        assertThat(behindProxy.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
    }

    private static MockServerHttpRequest request(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder =
                MockServerHttpRequest.get("/open311/v2/services.json")
                        .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder.build();
    }
}
