package dev.runway.rollouts.e2e;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.ServiceProcess;
import java.io.IOException;

/**
 * The real traffic-gateway, run from its executable jar as its own process on the test database: the
 * controller reaches it over HTTP exactly as in production. Its admin API is the process's HTTP port; its
 * traffic port is a second one.
 */
public final class GatewayProcess implements AutoCloseable {
    private final ServiceProcess process;
    private final int trafficPort;

    private GatewayProcess(ServiceProcess process, int trafficPort) {
        this.process = process;
        this.trafficPort = trafficPort;
    }

    public static GatewayProcess start() throws IOException, InterruptedException {
        int traffic = ServiceProcess.freePort();
        ServiceProcess process = ServiceProcess.fromJarProperty("runway.gateway.jar", "gateway")
                .arg("--runway.gateway.traffic-port=" + traffic)
                .arg("--runway.gateway.traffic-host=127.0.0.1")
                .start();
        return new GatewayProcess(process, traffic);
    }

    public ServiceClient admin() {
        return process.client();
    }

    public String adminUrl() {
        return process.url();
    }

    public String trafficUrl() {
        return "http://127.0.0.1:" + trafficPort;
    }

    /** SIGSTOP / SIGCONT: the gateway hangs without closing its sockets, as under a long GC pause. */
    void freeze(boolean frozen) throws IOException, InterruptedException {
        process.freeze(frozen);
    }

    @Override
    public void close() {
        process.close();
    }
}
