package dev.runway.rollouts.traffic.gatewayapi;

import dev.runway.rollouts.traffic.TrafficRouter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes Gateway API: the weights of the backendRefs of an {@code HTTPRoute}. The route's rules send to
 * the stable Service (named after the service); the canary Service {@code <service>-canary} is added as a
 * second backendRef of every rule that has the stable one, and the weights are {@code 100 - p} and {@code p}.
 * A compare-and-set weight change reads the current canary weight first and refuses if it differs; the write
 * itself is an edit (optimistic locking on the resourceVersion), so concurrent writers cannot interleave.
 *
 * <p>Audience rings are recorded in the annotation {@code runway.dev/ring}; header-matched canary rules per
 * ring are not generated yet (see the README's next steps).
 */
public final class HttpRouteRouter implements TrafficRouter {
    static final String RING = "runway.dev/ring";

    private final KubernetesClient client;
    private final String namespace;

    public HttpRouteRouter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    private static String canary(String route) {
        return route + "-canary";
    }

    @Override
    public Split read(String route) {
        HTTPRoute r = get(route);
        int weight = 0;
        boolean attached = false;
        for (HTTPRouteRule rule : r.getSpec().getRules()) {
            for (HTTPBackendRef ref : refs(rule)) {
                if (canary(route).equals(ref.getName())) {
                    attached = true;
                    weight = ref.getWeight() == null ? 1 : ref.getWeight();
                }
            }
        }
        Map<String, String> annotations = r.getMetadata().getAnnotations();
        int ring = annotations == null || !annotations.containsKey(RING) ? -1 : Integer.parseInt(annotations.get(RING));
        return new Split(weight, ring, attached);
    }

    @Override
    public void attachCanary(String route, List<String> canaryUpstreams) {
        edit(route, r -> {
            for (HTTPRouteRule rule : r.getSpec().getRules()) {
                List<HTTPBackendRef> refs = new ArrayList<>(refs(rule));
                HTTPBackendRef stable = find(refs, route);
                if (stable != null && find(refs, canary(route)) == null) {
                    stable.setWeight(100);
                    refs.add(new HTTPBackendRefBuilder()
                            .withName(canary(route))
                            .withPort(stable.getPort())
                            .withWeight(0)
                            .build());
                    rule.setBackendRefs(refs);
                }
            }
        });
    }

    @Override
    public void setWeight(String route, int percent, Integer expectedPercent) {
        edit(route, r -> {
            if (expectedPercent != null && read(r, route) != expectedPercent) {
                throw new RouterException(
                        "HTTPRoute " + route + ": canary weight is " + read(r, route) + ", not the expected "
                                + expectedPercent,
                        null);
            }
            for (HTTPRouteRule rule : r.getSpec().getRules()) {
                HTTPBackendRef stable = find(refs(rule), route);
                HTTPBackendRef canary = find(refs(rule), canary(route));
                if (stable != null && canary != null) {
                    stable.setWeight(100 - percent);
                    canary.setWeight(percent);
                }
            }
        });
    }

    @Override
    public void setAudience(String route, int ring, List<Object> rings) {
        edit(route, r -> {
            Map<String, String> annotations = r.getMetadata().getAnnotations() == null
                    ? new HashMap<>()
                    : new HashMap<>(r.getMetadata().getAnnotations());
            annotations.put(RING, Integer.toString(ring));
            r.getMetadata().setAnnotations(annotations);
        });
    }

    /** The stable Service keeps its name (the driver changes its pods' image): only the canary ref goes. */
    @Override
    public void replaceStable(String route, List<String> upstreams) {
        detachCanary(route);
    }

    @Override
    public void detachCanary(String route) {
        setWeight(route, 0, null);
        edit(route, r -> {
            for (HTTPRouteRule rule : r.getSpec().getRules()) {
                List<HTTPBackendRef> refs = new ArrayList<>(refs(rule));
                refs.removeIf(ref -> canary(route).equals(ref.getName()));
                HTTPBackendRef stable = find(refs, route);
                if (stable != null) {
                    stable.setWeight(100);
                }
                rule.setBackendRefs(refs);
            }
            if (r.getMetadata().getAnnotations() != null) {
                r.getMetadata().getAnnotations().remove(RING);
            }
        });
    }

    private static int read(HTTPRoute r, String route) {
        for (HTTPRouteRule rule : r.getSpec().getRules()) {
            HTTPBackendRef canary = find(refs(rule), canary(route));
            if (canary != null) {
                return canary.getWeight() == null ? 1 : canary.getWeight();
            }
        }
        return 0;
    }

    private static List<HTTPBackendRef> refs(HTTPRouteRule rule) {
        return rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
    }

    private static HTTPBackendRef find(List<HTTPBackendRef> refs, String name) {
        return refs.stream()
                .filter(ref -> name.equals(ref.getName()))
                .findFirst()
                .orElse(null);
    }

    private HTTPRoute get(String route) {
        try {
            HTTPRoute r = client.resources(HTTPRoute.class)
                    .inNamespace(namespace)
                    .withName(route)
                    .get();
            if (r == null) {
                throw new RouterException("HTTPRoute " + namespace + "/" + route + " does not exist", null);
            }
            return r;
        } catch (KubernetesClientException e) {
            throw new RouterException("Kubernetes API: " + e.getMessage(), e);
        }
    }

    private void edit(String route, java.util.function.Consumer<HTTPRoute> change) {
        get(route);
        try {
            client.resources(HTTPRoute.class)
                    .inNamespace(namespace)
                    .withName(route)
                    .edit(r -> {
                        change.accept(r);
                        return r;
                    });
        } catch (KubernetesClientException e) {
            throw new RouterException("Kubernetes API: " + e.getMessage(), e);
        }
    }
}
