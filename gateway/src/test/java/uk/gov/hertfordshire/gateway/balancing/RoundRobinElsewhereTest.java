package uk.gov.hertfordshire.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The choice itself: round robin, and never the instance a request just tried while there is
 * another, however other requests moved the position in between.
 */
class RoundRobinElsewhereTest {

    private final List<ServiceInstance> two = List.of(instance(8181), instance(8281));
    private final RoundRobinElsewhere choice =
            new RoundRobinElsewhere("case-service", new ListedInstances("case-service", two));

    @Test
    void takesEachInstanceInTurn() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ports.add(choice.choose(two, null).getServer().getPort());
        }
        assertThat(ports)
                .containsSubsequence(8181, 8281, 8181)
                .containsSubsequence(8281, 8181, 8281);
        assertThat(ports.stream().filter(p -> p == 8181).count()).isEqualTo(3);
    }

    @Test
    void aRequestTriedAgainGoesElsewhereWhereverThePositionIs() {
        for (int i = 0; i < 6; i++) {
            assertThat(choice.choose(two, two.get(1)).getServer().getPort()).isEqualTo(8181);
            assertThat(choice.choose(two, two.get(0)).getServer().getPort()).isEqualTo(8281);
        }
    }

    @Test
    void withOneInstanceLeftItIsChosenAgainAndWithNoneNothingIs() {
        List<ServiceInstance> one = List.of(two.get(0));
        assertThat(choice.choose(one, two.get(0)).getServer().getPort()).isEqualTo(8181);
        assertThat(choice.choose(List.of(), null).hasServer()).isFalse();
    }

    @Test
    void theWholeWayThroughLoadBalancerTheGatewaysLastChoiceIsTheOneAvoided() {
        // As the gateway's LoadBalancer filter asks: the exchange's attributes in the request.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(
                ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR,
                new DefaultResponse(two.get(0)));
        var request =
                new DefaultRequest<>(
                        new RequestDataContext(
                                new RequestData(
                                        HttpMethod.GET,
                                        URI.create("lb://case-service/api/cases/x"),
                                        new HttpHeaders(),
                                        new LinkedMultiValueMap<>(),
                                        attributes)));
        for (int i = 0; i < 4; i++) {
            assertThat(choice.choose(request).block().getServer().getPort()).isEqualTo(8281);
        }
    }

    private static ServiceInstance instance(int port) {
        return new DefaultServiceInstance(
                "127.0.0.1:" + port, "case-service", "127.0.0.1", port, false);
    }
}
