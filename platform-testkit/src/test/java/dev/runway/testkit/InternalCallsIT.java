package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.common.actor.Actor;
import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalCalls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A call to another service carries the internal token and the actor and reason of whoever acted. */
class InternalCallsIT {
    @Test
    void theTokenActorAndReasonTravelWithTheCall() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/api/v1/rollouts/7/abort", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.getFirst()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        peer.start();
        try {
            var client = InternalCalls.client(
                    "http://127.0.0.1:" + peer.getAddress().getPort(), "s3cret", Duration.ofSeconds(5));
            var context =
                    new AuditContext(new Actor("slo-engine", ActorKind.SERVICE), "page alert: checkout burn 14.4x");
            client.post()
                    .uri("/api/v1/rollouts/7/abort")
                    .headers(h -> context.writeHeaders(h::add))
                    .retrieve()
                    .toBodilessEntity();
        } finally {
            peer.stop(0);
        }
        assertThat(seen)
                .containsEntry("x-runway-internal-token", "s3cret")
                .containsEntry("x-runway-actor", "slo-engine")
                .containsEntry("x-runway-actor-kind", "SERVICE")
                .containsEntry("x-runway-reason", "page alert: checkout burn 14.4x");
    }
}
