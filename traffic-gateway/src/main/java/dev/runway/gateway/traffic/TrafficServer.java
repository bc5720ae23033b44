package dev.runway.gateway.traffic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.stereotype.Component;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A second Netty server for user traffic, bound to the same handler chain as the admin port. The handler
 * mapping and the internal-auth filter tell the two apart by the local port, so the gateway routes the
 * traffic port only and serves its API on the admin port only.
 */
@Component
public class TrafficServer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TrafficServer.class);

    // Looked up at start: the handler chain itself depends on this bean (to tell the ports apart).
    private final ObjectProvider<HttpHandler> handler;
    private final GatewaySettings settings;
    private volatile DisposableServer server;

    TrafficServer(ObjectProvider<HttpHandler> handler, GatewaySettings settings) {
        this.handler = handler;
        this.settings = settings;
    }

    @Override
    public void start() {
        server = HttpServer.create()
                .host(settings.trafficHost())
                .port(settings.trafficPort())
                .handle(new ReactorHttpHandlerAdapter(handler.getObject()))
                .bindNow();
        log.info("traffic port {} ready", server.port());
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound traffic port; -1 before start. */
    public int port() {
        DisposableServer running = server;
        return running == null ? -1 : running.port();
    }

    boolean isTrafficPort(int localPort) {
        return localPort == port();
    }
}
