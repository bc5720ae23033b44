package dev.runway.rollouts.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.testkit.ServiceClient;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rollout on Kubernetes through the whole controller, against fabric8's mock API server: the canary
 * Deployment and the HTTPRoute weights are the controller's own doing; the test plays the Deployment
 * controller by reporting replica status. No traffic reaches pods that are not available yet.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runway.rollouts.reconcile.interval=PT0.5S", "runway.rollouts.readiness-timeout=PT15S"})
class KubernetesRolloutIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NS = "default";
    static final String SERVICE = "k8s-checkout";

    static KubernetesMockServer apiServer;
    static KubernetesClient kube;
    static HttpServer metrics;

    @DynamicPropertySource
    static void kubernetes(DynamicPropertyRegistry registry) throws Exception {
        if (apiServer == null) {
            apiServer = new KubernetesMockServer(
                    new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
            apiServer.init();
            kube = apiServer.createClient();
            // the controller builds its client from the standard settings on first use
            System.setProperty("kubernetes.master", kube.getMasterUrl().toString());
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            System.setProperty("kubernetes.namespace", NS);
            metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            metrics.createContext("/summary", exchange -> {
                byte[] body = "{\"requests\": 0, \"errors\": 0}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            metrics.start();
        }
        registry.add("runway.rollouts.kubernetes.namespace", () -> NS);
    }

    @AfterAll
    static void stop() {
        if (metrics != null) {
            metrics.stop(0);
        }
        if (kube != null) {
            kube.close();
        }
        if (apiServer != null) {
            apiServer.destroy();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void theCanaryTakesTrafficOnlyOnceAvailableAndPromotionWaitsForTheStableRollOut() throws Exception {
        // given a stable Deployment of 4 rolled-out replicas, its Service and an HTTPRoute to it
        givenStableWorkloadAndRoute(SERVICE);
        ServiceClient controller = ServiceClient.at(port);
        register(controller, SERVICE);

        // when a rollout starts
        String id = startRollout(controller, SERVICE, "registry/checkout:v2");

        // then the canary Deployment is created but, while its pod is not available, takes no traffic
        await(() -> deployment(SERVICE + "-canary"), d -> d != null, Duration.ofSeconds(20));
        Thread.sleep(2_000); // several reconcile passes
        assertThat(rollout(controller, id).path("state").asString()).isEqualTo("PENDING");
        assertThat(weights()).as("no canary backend yet").containsOnlyKeys(SERVICE);

        // when its replica becomes available, the route gets the canary backend and the first step's weight
        reportStatus(SERVICE + "-canary", 1, 1);
        await(
                () -> rollout(controller, id),
                r -> "PAUSED".equals(r.path("state").asString()),
                Duration.ofSeconds(20));
        assertThat(weights()).isEqualTo(Map.of(SERVICE, 90, SERVICE + "-canary", 10));

        // when promoted, the stable Deployment takes v2; while it rolls, the canary keeps its share
        var promote = controller.post("/api/v1/rollouts/" + id + "/promote", "{\"reason\": \"looks good\"}");
        assertThat(promote.status()).as(promote.body()).isEqualTo(200);
        await(() -> image(deployment(SERVICE)), "registry/checkout:v2"::equals, Duration.ofSeconds(20));
        reportStatus(SERVICE, 1, 4);
        Thread.sleep(2_000);
        assertThat(rollout(controller, id).path("state").asString()).isEqualTo("PROMOTING");
        assertThat(weights()).containsEntry(SERVICE + "-canary", 10);

        // then once every stable replica runs v2, traffic returns to stable and the canary scales to 0
        reportStatus(SERVICE, 4, 4);
        await(
                () -> rollout(controller, id),
                r -> "PROMOTED".equals(r.path("state").asString()),
                Duration.ofSeconds(20));
        assertThat(weights()).isEqualTo(Map.of(SERVICE, 100));
        assertThat(deployment(SERVICE + "-canary").getSpec().getReplicas()).isZero();

        // when the promoted release is rolled back, the stable Deployment runs v1 again
        var rollback = controller.post("/api/v1/rollouts/" + id + "/rollback", "{\"reason\": \"INC-7: v2 leaks\"}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        await(
                () -> rollout(controller, id),
                r -> "ROLLED_BACK".equals(r.path("state").asString()),
                Duration.ofSeconds(20));
        assertThat(image(deployment(SERVICE))).isEqualTo("registry/checkout:v1");
        assertThat(JSON.readTree(controller.get("/api/v1/services/" + SERVICE).body())
                        .path("stableVersion")
                        .asString())
                .isEqualTo("v1");
    }

    @Test
    void aCanaryThatNeverBecomesAvailableFailsWithoutEverTakingTrafficAndIsScaledDown() throws Exception {
        // given a service on Kubernetes and a canary image whose pod never becomes available
        String service = "k8s-broken";
        givenStableWorkloadAndRoute(service);
        ServiceClient controller = ServiceClient.at(port);
        register(controller, service);

        // when a rollout starts and the readiness deadline (15 s here) passes
        String id = startRollout(controller, service, "registry/checkout:typo");
        JsonNode failed = await(
                () -> rollout(controller, id),
                r -> "FAILED".equals(r.path("state").asString()),
                Duration.ofSeconds(45));

        // then it failed saying why, the canary never got a backend, and it is scaled to 0
        assertThat(failed.path("reason").asString()).contains("did not become ready", "k8s-broken-canary");
        assertThat(weights(service)).containsOnlyKeys(service);
        assertThat(deployment(service + "-canary").getSpec().getReplicas()).isZero();
    }

    /** Registers a Kubernetes service routed by its HTTPRoute, judged from the stand-in metrics endpoint. */
    private static void register(ServiceClient controller, String service) {
        var registered = controller.post(
                "/api/v1/services", """
                {"name": "%s", "team": "shop", "deploymentDriver": "KUBERNETES", "trafficRouter": "GATEWAY_API",
                 "metricsProvider": "WEB", "stableVersion": "v1",
                 "metricsSource": {"url": "http://127.0.0.1:%d/summary?track={version}",
                                   "requestsPath": "requests", "errorsPath": "errors"}}
                """.formatted(service, metrics.getAddress().getPort()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    /** Starts a rollout of {@code image} as v2: 10 %, then a pause for a person. */
    private static String startRollout(ServiceClient controller, String service, String image) {
        var created = controller.post("/api/v1/rollouts", """
                {"service": "%s", "version": "v2", "artifact": "%s", "commitSha": "abc1234",
                 "strategy": [{"type": "setWeight", "percent": 10}, {"type": "pause"}]}
                """.formatted(service, image));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private static void givenStableWorkloadAndRoute(String name) {
        kube.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(4)
                        .withNewSelector()
                        .addToMatchLabels("app", name)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", name)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(name)
                        .withImage("registry/checkout:v1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        reportStatus(name, 4, 4);
        kube.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", name)
                        .addNewPort()
                        .withPort(80)
                        .withTargetPort(new IntOrString(8080))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        kube.resources(HTTPRoute.class)
                .inNamespace(NS)
                .resource(new HTTPRouteBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addNewParentRef()
                        .withName("public")
                        .endParentRef()
                        .addNewRule()
                        .addNewBackendRef()
                        .withName(name)
                        .withPort(80)
                        .endBackendRef()
                        .endRule()
                        .endSpec()
                        .build())
                .create();
    }

    /** Plays the Deployment controller: {@code updated} replicas run the newest spec, {@code available} serve. */
    private static void reportStatus(String name, int updated, int available) {
        kube.apps().deployments().inNamespace(NS).withName(name).editStatus(d -> {
            long generation = d.getMetadata().getGeneration() == null
                    ? 0
                    : d.getMetadata().getGeneration();
            d.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(generation)
                    .withReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(updated)
                    .withAvailableReplicas(available)
                    .build());
            return d;
        });
    }

    private static Deployment deployment(String name) {
        return kube.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }

    private static Map<String, Integer> weights() {
        return weights(SERVICE);
    }

    private static Map<String, Integer> weights(String route) {
        HTTPRoute r =
                kube.resources(HTTPRoute.class).inNamespace(NS).withName(route).get();
        return r.getSpec().getRules().getFirst().getBackendRefs().stream()
                .collect(Collectors.toMap(
                        HTTPBackendRef::getName, ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
    }

    private static JsonNode rollout(ServiceClient controller, String id) {
        return JSON.readTree(controller.get("/api/v1/rollouts/" + id).body());
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within " + timeout + "; last: " + last);
    }
}
