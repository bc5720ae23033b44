package dev.runway.rollouts.e2e;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.ServiceProcess;
import java.io.IOException;

/**
 * A rollout-controller replica as its own process (this test JVM's class path), so that a test can kill it
 * with SIGKILL — no shutdown hook, no graceful stop, exactly like a crashed pod.
 */
final class ControllerProcess implements AutoCloseable {
    private final ServiceProcess process;

    private ControllerProcess(ServiceProcess process) {
        this.process = process;
    }

    static ControllerProcess start(String gatewayAdminUrl, String name) throws IOException, InterruptedException {
        return new ControllerProcess(
                ServiceProcess.fromClassPath("dev.runway.rollouts.RolloutControllerApplication", "controller-" + name)
                        .arg("--runway.rollouts.gateway-admin-url=" + gatewayAdminUrl)
                        .arg("--runway.rollouts.reconcile.interval=PT0.5S")
                        .start());
    }

    ServiceClient client() {
        return process.client();
    }

    /** Whether this replica holds the leader lock, from its health details. */
    boolean leads() {
        try {
            return client().get("/actuator/health").body().contains("\"leader\":true");
        } catch (IllegalStateException down) {
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to clean up, release locks or finish a step. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
