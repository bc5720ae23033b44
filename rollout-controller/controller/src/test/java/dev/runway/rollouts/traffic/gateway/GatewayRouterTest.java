package dev.runway.rollouts.traffic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The router's whole-route edits are compare-and-set: against a stand-in admin API that reports a concurrent
 * edit once (412), the router reads again and reapplies its change to what the other party stored.
 */
class GatewayRouterTest {
    HttpServer admin;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.stop(0);
        }
    }

    @Test
    void aConcurrentEditIsNotOverwrittenTheDetachIsReappliedOnTopOfIt() throws Exception {
        // given a route at version 1 that a person changes (adds a shadow) right after the router reads it
        AtomicInteger version = new AtomicInteger(1);
        String before =
                "{\"id\":\"shop\",\"stable\":[\"http://s:1\"],\"canary\":[\"http://c:1\"],\"canaryWeight\":500}";
        String humanEdit = "{\"id\":\"shop\",\"stable\":[\"http://s:1\"],\"canary\":[\"http://c:1\"],"
                + "\"canaryWeight\":500,\"shadow\":{\"upstream\":\"http://sh:1\",\"percent\":10}}";
        List<String> puts = new CopyOnWriteArrayList<>();
        List<String> ifMatches = new CopyOnWriteArrayList<>();
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/api/v1/routes/shop", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body = "{}";
            if (path.endsWith("/weight")) {
                exchange.getRequestBody().readAllBytes();
            } else if (method.equals("GET")) {
                body = version.get() == 1 ? before : humanEdit;
                exchange.getResponseHeaders().set("ETag", "\"" + version.get() + "\"");
                if (version.get() == 1) {
                    version.set(2); // the person's edit lands between our read and our write
                }
            } else if (method.equals("PUT")) {
                String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
                ifMatches.add(ifMatch);
                String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!("\"" + version.get() + "\"").equals(ifMatch)) {
                    status = 412;
                    body = "{\"status\":412}";
                } else {
                    puts.add(sent);
                    version.incrementAndGet();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", status == 412 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        admin.start();
        var router = new GatewayRouter(
                RestClient.create("http://127.0.0.1:" + admin.getAddress().getPort()));

        // when the router detaches the canary
        router.detachCanary("shop");

        // then its first write (on version 1) was refused, and the second was applied to the person's version:
        // the canary is gone and the shadow the person added is kept
        assertThat(ifMatches).containsExactly("\"1\"", "\"2\"");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0)).contains("\"canary\":[]", "\"canaryWeight\":0", "\"shadow\"", "http://sh:1");
    }
}
