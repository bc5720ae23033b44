package dev.runway.api.frontdoor;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services behind the front door answer ({@code runway.api.peers.*}); the runner passes each as
 * {@code <SERVICE>_URL}.
 *
 * @param timeout connect timeout, and read timeout of everything but streams (SSE)
 */
@ConfigurationProperties("runway.api.peers")
public record PeerSettings(
        URI flagService, URI rolloutController, URI sloEngine, URI chaosService, URI trafficGateway, Duration timeout) {
    public PeerSettings {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public URI baseUrl(Peer peer) {
        URI url =
                switch (peer) {
                    case FLAG_SERVICE -> flagService;
                    case ROLLOUT_CONTROLLER -> rolloutController;
                    case SLO_ENGINE -> sloEngine;
                    case CHAOS_SERVICE -> chaosService;
                    case TRAFFIC_GATEWAY -> trafficGateway;
                    case PLATFORM_API -> throw new IllegalArgumentException("platform-api answers itself");
                };
        if (url == null) {
            throw new IllegalStateException("no URL configured for " + peer.serviceName());
        }
        return url;
    }
}
