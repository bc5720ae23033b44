package dev.runway.rollouts.deploy.kubernetes;

import dev.runway.rollouts.deploy.DeploymentDriver;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes through fabric8. The stable workload is the Deployment named after the service (and its Service
 * of the same name). The canary is a clone: Deployment {@code <service>-canary} with the new image, its pods
 * labelled {@code runway.dev/track: canary} so that the stable Service's selector (which gets
 * {@code runway.dev/track} only if it had it) and the canary Service {@code <service>-canary} select apart.
 *
 * <p>Promote: the stable Deployment takes the new image (Kubernetes rolls it); the canary is scaled to 0 by
 * the caller once traffic is back on stable. Abort: the canary scales to 0. Every operation reads the current
 * object and writes only a difference, so it is safe to repeat.
 */
public final class KubernetesDriver implements DeploymentDriver {
    static final String TRACK = "runway.dev/track";
    static final String VERSION = "runway.dev/version";
    /** On the stable Deployment at promotion: the image it ran before, so that a rollback can restore it. */
    static final String PREVIOUS_IMAGE = "runway.dev/previous-image";

    static final String PREVIOUS_VERSION = "runway.dev/previous-version";

    private final KubernetesClient client;
    private final String namespace;

    public KubernetesDriver(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static String canaryName(String service) {
        return service + "-canary";
    }

    @Override
    public List<String> startCanary(Target target) {
        Deployment stable = stable(target.service());
        String name = canaryName(target.service());
        Map<String, String> podLabels =
                new HashMap<>(stable.getSpec().getTemplate().getMetadata().getLabels());
        podLabels.put(TRACK, "canary");
        podLabels.put(VERSION, target.version());
        Map<String, String> selector =
                new HashMap<>(stable.getSpec().getSelector().getMatchLabels());
        selector.put(TRACK, "canary");
        Deployment canary = new DeploymentBuilder(stable)
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels(TRACK, "canary")
                .addToLabels(VERSION, target.version())
                .endMetadata()
                .editSpec()
                .withReplicas(1)
                .editSelector()
                .withMatchLabels(selector)
                .endSelector()
                .editTemplate()
                .editMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .endTemplate()
                .endSpec()
                .withStatus(null)
                .build();
        withImage(canary, target.service(), target.artifact());
        Deployment existing = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get();
        // Called on every pass until the canary is ready: rewrite it only when it differs, so a canary that is
        // starting is not restarted (a new generation) by the controller waiting for it.
        if (existing == null || !sameCanary(existing, canary)) {
            call(() -> client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(canary)
                    .createOr(op -> op.update()));
        }
        Service stableService = client.services()
                .inNamespace(namespace)
                .withName(target.service())
                .get();
        if (stableService != null) {
            Service canaryService = new ServiceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .addToLabels(TRACK, "canary")
                    .endMetadata()
                    .withNewSpec()
                    .withSelector(podLabelsForSelector(selector))
                    .withPorts(stableService.getSpec().getPorts())
                    .endSpec()
                    .build();
            call(() -> client.services()
                    .inNamespace(namespace)
                    .resource(canaryService)
                    .createOr(op -> op.update()));
        }
        return List.of("http://" + name + "." + namespace + ".svc.cluster.local");
    }

    private static boolean sameCanary(Deployment existing, Deployment wanted) {
        return java.util.Objects.equals(
                        existing.getSpec().getReplicas(), wanted.getSpec().getReplicas())
                && java.util.Objects.equals(
                        existing.getSpec().getTemplate().getSpec().getContainers(),
                        wanted.getSpec().getTemplate().getSpec().getContainers())
                && java.util.Objects.equals(
                        existing.getSpec().getTemplate().getMetadata().getLabels(),
                        wanted.getSpec().getTemplate().getMetadata().getLabels());
    }

    private static Map<String, String> podLabelsForSelector(Map<String, String> selector) {
        return Map.copyOf(selector);
    }

    @Override
    public void promote(Target target) {
        call(() -> client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(target.service())
                .edit(d -> {
                    Container container = container(d, target.service());
                    if (!target.artifact().equals(container.getImage())) {
                        Map<String, String> annotations = d.getMetadata().getAnnotations() == null
                                ? new HashMap<>()
                                : new HashMap<>(d.getMetadata().getAnnotations());
                        annotations.put(PREVIOUS_IMAGE, container.getImage());
                        String previousVersion = d.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .get(VERSION);
                        if (previousVersion != null) {
                            annotations.put(PREVIOUS_VERSION, previousVersion);
                        } else {
                            annotations.remove(PREVIOUS_VERSION);
                        }
                        d.getMetadata().setAnnotations(annotations);
                        container.setImage(target.artifact());
                    }
                    d.getSpec().getTemplate().getMetadata().getLabels().put(VERSION, target.version());
                    return d;
                }));
    }

    @Override
    public void revertPromotion(Target target) {
        Deployment stable = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(target.service())
                .get();
        if (stable == null
                || stable.getMetadata().getAnnotations() == null
                || !stable.getMetadata().getAnnotations().containsKey(PREVIOUS_IMAGE)
                || !target.artifact().equals(container(stable, target.service()).getImage())) {
            return; // never promoted to this version, or already reverted
        }
        call(() -> client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(target.service())
                .edit(d -> {
                    Map<String, String> annotations =
                            new HashMap<>(d.getMetadata().getAnnotations());
                    container(d, target.service()).setImage(annotations.remove(PREVIOUS_IMAGE));
                    String previousVersion = annotations.remove(PREVIOUS_VERSION);
                    Map<String, String> labels =
                            d.getSpec().getTemplate().getMetadata().getLabels();
                    if (previousVersion != null) {
                        labels.put(VERSION, previousVersion);
                    } else {
                        labels.remove(VERSION);
                    }
                    d.getMetadata().setAnnotations(annotations);
                    return d;
                }));
    }

    @Override
    public void scaleDownCanary(Target target) {
        var canary = client.apps().deployments().inNamespace(namespace).withName(canaryName(target.service()));
        if (canary.get() != null) {
            call(() -> canary.scale(0));
        }
    }

    @Override
    public Readiness canaryReadiness(Target target) {
        return readiness(canaryName(target.service()));
    }

    @Override
    public Readiness stableReadiness(Target target) {
        return readiness(target.service());
    }

    /**
     * The test {@code kubectl rollout status} applies: the controller has seen the newest spec, every replica
     * runs it, and every replica is available.
     */
    private Readiness readiness(String name) {
        Deployment d = call(() -> client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get());
        if (d == null) {
            return Readiness.notYet("Deployment " + name + " does not exist");
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        var status = d.getStatus();
        long generation =
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        long observed = status == null || status.getObservedGeneration() == null ? -1 : status.getObservedGeneration();
        int updated = status == null || status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        int available = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        if (observed < generation) {
            return Readiness.notYet("Deployment " + name + ": generation " + generation + " not yet observed");
        }
        if (updated < wanted || available < wanted) {
            return Readiness.notYet("Deployment " + name + ": " + updated + " of " + wanted + " replicas updated, "
                    + available + " available");
        }
        return Readiness.READY;
    }

    private Deployment stable(String service) {
        Deployment stable = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(service)
                .get();
        if (stable == null) {
            throw new IllegalStateException("no stable Deployment '" + service + "' in namespace " + namespace);
        }
        return stable;
    }

    /** The container named after the service, or the only/first one, runs {@code image}. */
    private static void withImage(Deployment d, String service, String image) {
        container(d, service).setImage(image);
    }

    /** The service's container: the one named after it, else the first. */
    private static Container container(Deployment d, String service) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        return containers.stream()
                .filter(c -> service.equals(c.getName()))
                .findFirst()
                .orElse(containers.getFirst());
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("Kubernetes API: " + e.getMessage(), e);
        }
    }
}
