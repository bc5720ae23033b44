package dev.runway.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small pricing and ordering service that the local demo and the end-to-end tests put behind the gateway.
 * Its version, error rate and extra latency are set by arguments and can be changed while it runs, so that a
 * test can turn a healthy canary into a bad one.
 *
 * <p>Plain JDK HTTP server on purpose: it starts in well under a second and has no dependency to resolve.
 *
 * <pre>
 * GET  /api/price?sku=ABC   {"sku","price","currency","version","servedAt"}
 * POST /api/orders          201 {"orderId","sku","quantity","version"}
 * GET  /health              {"status":"UP","version"}
 * GET  /control             the current behaviour
 * POST /control             {"errorRate":0.05,"extraLatencyMs":40}: change it
 * </pre>
 */
public final class DemoWorkload {
    private final HttpServer server;
    private final String version;
    private volatile Behaviour behaviour;
    private final AtomicLong served = new AtomicLong();

    /** How badly the service behaves: share of requests answered 500, and latency added to each. */
    public record Behaviour(double errorRate, long extraLatencyMs, long latencyJitterMs) {
        public Behaviour {
            if (errorRate < 0 || errorRate > 1) {
                throw new IllegalArgumentException("errorRate must be between 0 and 1, got " + errorRate);
            }
            if (extraLatencyMs < 0 || latencyJitterMs < 0) {
                throw new IllegalArgumentException("latencies must not be negative");
            }
        }
    }

    public DemoWorkload(String host, int port, String version, Behaviour behaviour) throws IOException {
        this.version = version;
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/price", this::price);
        server.createContext("/api/orders", this::order);
        server.createContext(
                "/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\",\"version\":\"" + version + "\"}"));
        server.createContext("/control", this::control);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.out.println("usage: demo-workload [--port 9001] [--host 127.0.0.1] [--version v1]"
                    + " [--error-rate 0.0] [--extra-latency-ms 0] [--latency-jitter-ms 5]");
            return;
        }
        try {
            DemoWorkload workload = new DemoWorkload(
                    options.getOrDefault("host", "127.0.0.1"),
                    Integer.parseInt(options.getOrDefault("port", "9001")),
                    options.getOrDefault("version", "v1"),
                    new Behaviour(
                            Double.parseDouble(options.getOrDefault("error-rate", "0")),
                            Long.parseLong(options.getOrDefault("extra-latency-ms", "0")),
                            Long.parseLong(options.getOrDefault("latency-jitter-ms", "5"))));
            workload.start();
            System.out.println("demo-workload " + workload.version + " listening on port " + workload.port());
        } catch (IllegalArgumentException badArgument) {
            System.err.println("demo-workload: " + badArgument.getMessage());
            System.exit(2);
        }
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long served() {
        return served.get();
    }

    public void behave(Behaviour next) {
        this.behaviour = next;
    }

    private void price(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        String sku = query(exchange.getRequestURI()).getOrDefault("sku", "SKU-1");
        long cents = 1000 + Math.floorMod(sku.hashCode(), 9000);
        respond(
                exchange,
                200,
                String.format(
                        Locale.ROOT,
                        "{\"sku\":\"%s\",\"price\":%d.%02d,\"currency\":\"EUR\",\"version\":\"%s\",\"servedAt\":\"%s\"}",
                        escape(sku),
                        cents / 100,
                        cents % 100,
                        version,
                        Instant.now()));
    }

    private void order(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"error\":\"use POST\"}");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (misbehave(exchange)) {
            return;
        }
        String sku = field(body, "sku", "SKU-1");
        String quantity = field(body, "quantity", "1");
        respond(
                exchange,
                201,
                "{\"orderId\":\"" + UUID.randomUUID() + "\",\"sku\":\"" + escape(sku) + "\",\"quantity\":"
                        + quantity.replaceAll("[^0-9]", "") + ",\"version\":\"" + version + "\"}");
    }

    private void control(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Behaviour now = behaviour;
            try {
                behave(new Behaviour(
                        Double.parseDouble(field(body, "errorRate", String.valueOf(now.errorRate()))),
                        Long.parseLong(field(body, "extraLatencyMs", String.valueOf(now.extraLatencyMs()))),
                        Long.parseLong(field(body, "latencyJitterMs", String.valueOf(now.latencyJitterMs())))));
            } catch (IllegalArgumentException bad) {
                respond(exchange, 400, "{\"error\":\"" + escape(bad.getMessage()) + "\"}");
                return;
            }
        }
        Behaviour b = behaviour;
        respond(
                exchange,
                200,
                String.format(
                        Locale.ROOT,
                        "{\"version\":\"%s\",\"errorRate\":%s,\"extraLatencyMs\":%d,\"latencyJitterMs\":%d,\"served\":%d}",
                        version,
                        b.errorRate(),
                        b.extraLatencyMs(),
                        b.latencyJitterMs(),
                        served.get()));
    }

    /** Applies the configured latency and, for a share of requests, answers 500; true when it answered. */
    private boolean misbehave(HttpExchange exchange) throws IOException {
        served.incrementAndGet();
        Behaviour b = behaviour;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long delay = b.extraLatencyMs() + (b.latencyJitterMs() == 0 ? 0 : random.nextLong(b.latencyJitterMs() + 1));
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (b.errorRate() > 0 && random.nextDouble() < b.errorRate()) {
            respond(exchange, 500, "{\"error\":\"injected failure\",\"version\":\"" + version + "\"}");
            return true;
        }
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    /** Reads a top-level scalar from a flat JSON object; the demo needs no JSON library for that. */
    static String field(String json, String name, String fallback) {
        var matcher = java.util.regex.Pattern.compile(
                        "\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.eE+]+|true|false)")
                .matcher(json);
        if (!matcher.find()) {
            return fallback;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
