package dev.runway.rollouts.traffic.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.rollouts.traffic.TrafficRouter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class HttpRouteRouterTest {
    static final String NS = "shop";

    KubernetesClient client;
    HttpRouteRouter router;

    @BeforeEach
    void givenAnHttpRouteToTheStableService() {
        router = new HttpRouteRouter(client, NS);
        client.resources(HTTPRoute.class)
                .inNamespace(NS)
                .resource(new HTTPRouteBuilder()
                        .withNewMetadata()
                        .withName("checkout")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addNewParentRef()
                        .withName("public")
                        .endParentRef()
                        .addNewRule()
                        .addNewBackendRef()
                        .withName("checkout")
                        .withPort(80)
                        .endBackendRef()
                        .endRule()
                        .endSpec()
                        .build())
                .create();
    }

    private Map<String, Integer> weights() {
        HTTPRoute r = client.resources(HTTPRoute.class)
                .inNamespace(NS)
                .withName("checkout")
                .get();
        return r.getSpec().getRules().getFirst().getBackendRefs().stream()
                .collect(Collectors.toMap(HTTPBackendRef::getName, HTTPBackendRef::getWeight));
    }

    @Test
    void attachingTheCanaryAddsItsBackendAtWeightZero() {
        router.attachCanary("checkout", List.of("ignored"));
        router.attachCanary("checkout", List.of("ignored"));
        assertThat(weights()).isEqualTo(Map.of("checkout", 100, "checkout-canary", 0));
        assertThat(router.read("checkout")).isEqualTo(new TrafficRouter.Split(0, -1, true));
    }

    @Test
    void settingTheWeightSplitsTheBackendRefsAndReadsBack() {
        router.attachCanary("checkout", List.of());
        router.setWeight("checkout", 25, 0);
        assertThat(weights()).isEqualTo(Map.of("checkout", 75, "checkout-canary", 25));
        assertThat(router.read("checkout").canaryPercent()).isEqualTo(25);
    }

    @Test
    void aCompareAndSetAgainstAStaleWeightIsRefusedAndChangesNothing() {
        router.attachCanary("checkout", List.of());
        router.setWeight("checkout", 25, 0);
        assertThatThrownBy(() -> router.setWeight("checkout", 50, 5)).isInstanceOf(TrafficRouter.RouterException.class);
        assertThat(weights()).containsEntry("checkout-canary", 25);
    }

    @Test
    void detachingPutsTheStableBackAtFullWeightAndRemovesTheCanary() {
        router.attachCanary("checkout", List.of());
        router.setWeight("checkout", 50, null);
        router.setAudience("checkout", 1, List.of());
        assertThat(router.read("checkout").ring()).isEqualTo(1);
        router.detachCanary("checkout");
        assertThat(weights()).isEqualTo(Map.of("checkout", 100));
        assertThat(router.read("checkout")).isEqualTo(new TrafficRouter.Split(0, -1, false));
    }

    @Test
    void aMissingRouteIsARouterError() {
        assertThatThrownBy(() -> router.read("nope")).isInstanceOf(TrafficRouter.RouterException.class);
    }
}
