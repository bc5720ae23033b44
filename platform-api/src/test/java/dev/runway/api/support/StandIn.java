package dev.runway.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for a platform service over real HTTP: it records every call (with the identity headers the
 * front door sent) and answers from a function of the request.
 */
public final class StandIn implements AutoCloseable {
    /** One call as the service saw it. */
    public record Call(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().getFirst())
                    .orElse(null);
        }
    }

    /** What the stand-in answers. */
    public record Answer(int status, String json) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private StandIn(HttpServer server) {
        this.server = server;
    }

    public static StandIn start(Function<Call, Answer> answers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        StandIn standIn = new StandIn(server);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> standIn.handle(exchange, answers));
        server.start();
        return standIn;
    }

    private void handle(HttpExchange exchange, Function<Call, Answer> answers) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Call call = new Call(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        calls.add(call);
        Answer answer = answers.apply(call);
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void forget() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
