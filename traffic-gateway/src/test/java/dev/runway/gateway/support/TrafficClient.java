package dev.runway.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A user of the traffic port: plain HTTP/1.1 with a chosen Host header, so that each scenario can have its
 * own route (the gateway routes by host first) on a shared database.
 */
public final class TrafficClient {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;
    private final String host;

    public TrafficClient(int port, String host) {
        this.port = port;
        this.host = host;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response post(String path, String json, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException("traffic request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public record Response(int status, String body, HttpHeaders headers, long millis) {
        /** The demo workload names its version in every body: {@code "version":"v2"}. */
        public String version() {
            var matcher =
                    java.util.regex.Pattern.compile("\"version\":\"([^\"]+)\"").matcher(body);
            return matcher.find() ? matcher.group(1) : null;
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public Map<String, java.util.List<String>> allHeaders() {
            return headers.map();
        }
    }
}
