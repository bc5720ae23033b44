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
     * @param service the registered service (Kubernetes: the stable Deployment's name)
     * @param artifact the image (Kubernetes) or artifact id (static)
     * @param canaryUpstream static only: where the canary already answers
     */
    record Target(String service, String version, String artifact, String canaryUpstream) {}
}
