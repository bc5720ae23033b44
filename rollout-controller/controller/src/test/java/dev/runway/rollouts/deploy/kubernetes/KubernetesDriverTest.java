package dev.runway.rollouts.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.rollouts.deploy.DeploymentDriver;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesDriverTest {
    static final String NS = "shop";

    KubernetesClient client;
    KubernetesDriver driver;
    final DeploymentDriver.Target v2 = new DeploymentDriver.Target("checkout", "v2", "registry/checkout:v2", null);

    @BeforeEach
    void givenAStableDeploymentAndService() {
        driver = new KubernetesDriver(client, NS);
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("checkout")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(4)
                        .withNewSelector()
                        .addToMatchLabels("app", "checkout")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "checkout")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("checkout")
                        .withImage("registry/checkout:v1")
                        .endContainer()
                        .addNewContainer()
                        .withName("proxy")
                        .withImage("envoy:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.services()
                .inNamespace(NS)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("checkout")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", "checkout")
                        .addNewPort()
                        .withPort(80)
                        .withTargetPort(new IntOrString(8080))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static String image(Deployment d, String container) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container))
                .findFirst()
                .orElseThrow()
                .getImage();
    }

    @Test
    void startingTheCanaryClonesTheStableDeploymentWithTheNewImageAndItsOwnSelectorAndService() {
        var upstreams = driver.startCanary(v2);

        Deployment canary = deployment("checkout-canary");
        assertThat(image(canary, "checkout")).isEqualTo("registry/checkout:v2");
        assertThat(image(canary, "proxy")).isEqualTo("envoy:1");
        assertThat(canary.getSpec().getReplicas()).isEqualTo(1);
        assertThat(canary.getSpec().getSelector().getMatchLabels())
                .containsEntry("app", "checkout")
                .containsEntry("runway.dev/track", "canary");
        assertThat(canary.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("runway.dev/version", "v2");
        assertThat(image(deployment("checkout"), "checkout")).isEqualTo("registry/checkout:v1");
        var service =
                client.services().inNamespace(NS).withName("checkout-canary").get();
        assertThat(service.getSpec().getSelector()).containsEntry("runway.dev/track", "canary");
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(80);
        assertThat(upstreams).containsExactly("http://checkout-canary.shop.svc.cluster.local");
    }

    @Test
    void startingTheCanaryTwiceLeavesOneCanary() {
        driver.startCanary(v2);
        driver.startCanary(v2);
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("checkout", "checkout-canary");
    }

    @Test
    void scalingDownSetsTheCanaryToZeroReplicasAndIsSafeToRepeat() {
        driver.startCanary(v2);
        driver.scaleDownCanary(v2);
        driver.scaleDownCanary(v2);
        assertThat(deployment("checkout-canary").getSpec().getReplicas()).isZero();
        assertThat(deployment("checkout").getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void promotionGivesTheStableDeploymentTheNewImageThenTheCanaryScalesToZero() {
        driver.startCanary(v2);
        driver.promote(v2);
        // the canary keeps serving until the caller has moved traffic back to stable
        assertThat(deployment("checkout-canary").getSpec().getReplicas()).isEqualTo(1);
        driver.scaleDownCanary(v2);
        Deployment stable = deployment("checkout");
        assertThat(image(stable, "checkout")).isEqualTo("registry/checkout:v2");
        assertThat(image(stable, "proxy")).isEqualTo("envoy:1");
        assertThat(stable.getSpec().getReplicas()).isEqualTo(4);
        assertThat(deployment("checkout-canary").getSpec().getReplicas()).isZero();
    }

    /** What the Deployment controller reports once {@code updated} of the replicas run the newest spec. */
    private void reportStatus(String name, int updated, int available) {
        client.apps().deployments().inNamespace(NS).withName(name).editStatus(d -> {
            long generation = d.getMetadata().getGeneration() == null
                    ? 0
                    : d.getMetadata().getGeneration();
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(generation)
                    .withReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(updated)
                    .withAvailableReplicas(available)
                    .build());
            return d;
        });
    }

    @Test
    void aNewCanaryIsReadyOnlyOnceItsReplicaIsAvailable() {
        driver.startCanary(v2);
        var starting = driver.canaryReadiness(v2);
        assertThat(starting.ready()).isFalse();
        assertThat(starting.detail()).contains("checkout-canary");

        reportStatus("checkout-canary", 1, 0);
        assertThat(driver.canaryReadiness(v2).detail()).contains("0 available");

        reportStatus("checkout-canary", 1, 1);
        assertThat(driver.canaryReadiness(v2).ready()).isTrue();
    }

    @Test
    void aPromotedStableIsReadyOnlyWhenEveryReplicaRunsTheNewVersion() {
        reportStatus("checkout", 4, 4);
        driver.startCanary(v2);
        driver.promote(v2);

        // mid-roll: one of four replicas runs v2
        reportStatus("checkout", 1, 4);
        var rolling = driver.stableReadiness(v2);
        assertThat(rolling.ready()).isFalse();
        assertThat(rolling.detail()).contains("1 of 4 replicas updated");

        reportStatus("checkout", 4, 4);
        assertThat(driver.stableReadiness(v2).ready()).isTrue();
    }

    @Test
    void aMissingCanaryIsNotReady() {
        assertThat(driver.canaryReadiness(v2).ready()).isFalse();
        assertThat(driver.canaryReadiness(v2).detail()).contains("does not exist");
    }

    @Test
    void revertingAPromotionGivesTheStableDeploymentItsPreviousImageBackAndIsSafeToRepeat() {
        driver.startCanary(v2);
        driver.promote(v2);
        driver.promote(v2); // a repeated promotion must not record v2 as its own predecessor
        assertThat(image(deployment("checkout"), "checkout")).isEqualTo("registry/checkout:v2");

        driver.revertPromotion(v2);
        driver.revertPromotion(v2);

        Deployment stable = deployment("checkout");
        assertThat(image(stable, "checkout")).isEqualTo("registry/checkout:v1");
        assertThat(image(stable, "proxy")).isEqualTo("envoy:1");
        assertThat(stable.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("runway.dev/version");
    }

    @Test
    void revertingWhenThePromotionNeverReachedTheStableChangesNothing() {
        driver.startCanary(v2);
        driver.revertPromotion(v2);
        assertThat(image(deployment("checkout"), "checkout")).isEqualTo("registry/checkout:v1");
    }

    @Test
    void abortingBeforeTheCanaryExistsChangesNothing() {
        driver.scaleDownCanary(v2);
        assertThat(deployment("checkout-canary")).isNull();
    }
}
