package dev.runway.rollouts.deploy;

import java.util.List;

/**
 * Starts and stops the canary's workload. Traffic is the router's business: a driver only makes the
 * canary exist (and tells where it answers), scales it down, and makes the new version the stable one.
 * Every operation is idempotent.
 */
public interface DeploymentDriver {

    /** Ensures the canary runs; returns the upstreams the router sends canary traffic to. */
    List<String> startCanary(Target target);

    /**
     * The stable workload now runs the canary's version. The canary keeps running: the caller moves the
     * traffic back to stable first and then calls {@link #scaleDownCanary}.
     */
    void promote(Target target);

    /** The canary scales to 0 (called after its weight is 0). */
    void scaleDownCanary(Target target);

    /**
     * Undoes {@link #promote} if the stable workload runs {@code target}'s version: it gets back what it ran
     * before. Idempotent; nothing happens when the promotion never reached the workload. Static drivers have
     * nothing to undo: the router points stable back at the previous upstream.
     */
    default void revertPromotion(Target target) {}

    /**
     * Whether the canary can take traffic: its workload is up and available. The controller attaches no
     * traffic before it is. Static versions already run, so they are always ready.
     */
    default Readiness canaryReadiness(Target target) {
        return Readiness.READY;
    }

    /**
     * Whether the stable workload finished rolling out the promoted version: traffic moves back to stable and
     * the canary scales down only then, so that no request lands on pods that are still starting.
     */
    default Readiness stableReadiness(Target target) {
        return Readiness.READY;
    }

    /** Ready or not, with what was seen (e.g. "0 of 1 replicas available"). */
    record Readiness(boolean ready, String detail) {
        public static final Readiness READY = new Readiness(true, "ready");

        public static Readiness notYet(String detail) {
            return new Readiness(false, detail);
        }
    }

    /**
     * @param service the registered service (Kubernetes: the stable Deployment's name)
     * @param artifact the image (Kubernetes) or artifact id (static)
     * @param canaryUpstream static only: where the canary already answers
     */
    record Target(String service, String version, String artifact, String canaryUpstream) {}
}
