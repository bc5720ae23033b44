package dev.runway.rollouts.deploy.statics;

import dev.runway.rollouts.deploy.DeploymentDriver;
import java.util.List;

/**
 * Versions that already run at known URLs (VMs, the local demo): there is nothing to start or stop, the
 * canary is its given upstream. Promotion and scale-down are the router's pool changes alone.
 */
public final class StaticDriver implements DeploymentDriver {
    @Override
    public List<String> startCanary(Target target) {
        return List.of(target.canaryUpstream());
    }

    @Override
    public void promote(Target target) {}

    @Override
    public void scaleDownCanary(Target target) {}
}
