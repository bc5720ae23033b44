package dev.runway.rollouts.analysis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.judge.Observation;
import dev.runway.rollouts.analysis.MetricsProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

class WebMetricsProviderTest {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    HttpServer server;
    String base;

    @BeforeEach
    void givenAMetricsEndpointAnsweringPerVersion() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/summary", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            boolean canary = query.contains("track=canary");
            String body = canary
                    ? "{\"data\": {\"result\": [{\"value\": \"200\"}], \"errors\": 10}}"
                    : "{\"data\": {\"result\": [{\"value\": \"1800\"}], \"errors\": 9}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachFiveSecondBucketIsReadPerVersionByPath() {
        var source = new WebSource(
                base + "/summary?track={version}&from={from}&to={to}", "data.result[0].value", "data.errors", null);
        var provider = new WebMetricsProvider(RestClient.create(), source);

        List<Observation> buckets = provider.read("ignored", T0, T0.plusSeconds(12));

        assertThat(buckets).hasSize(2);
        assertThat(buckets.getFirst().start()).isEqualTo(T0);
        assertThat(buckets.getLast().end()).isEqualTo(T0.plusSeconds(10));
        assertThat(buckets.getFirst().canary().requests()).isEqualTo(200);
        assertThat(buckets.getFirst().canary().errors()).isEqualTo(10);
        assertThat(buckets.getFirst().baseline().requests()).isEqualTo(1800);
        assertThat(buckets.getFirst().baseline().errors()).isEqualTo(9);
    }

    @Test
    void aMissingFigureIsReportedAsUnavailableData() {
        var source = new WebSource(base + "/summary?track={version}", "data.nope", "data.errors", null);
        var provider = new WebMetricsProvider(RestClient.create(), source);
        assertThatThrownBy(() -> provider.read("ignored", T0, T0.plusSeconds(5)))
                .isInstanceOf(MetricsProvider.MetricsUnavailable.class)
                .hasMessageContaining("data.nope");
    }

    @Test
    void pathsFollowFieldsAndIndexes() {
        var json = JsonMapper.builder().build().readTree("{\"a\": [{\"b\": [1, 2, {\"c\": 7}]}]}");
        assertThat(WebMetricsProvider.at(json, "a[0].b[2].c").asInt()).isEqualTo(7);
        assertThat(WebMetricsProvider.at(json, "a[0].x")).isNull();
    }

    @Test
    void aSourceWithoutVersionPlaceholderOrPathsIsInvalid() {
        assertThat(new WebSource("http://x/summary", null, "", null).violations("metricsSource"))
                .extracting(v -> v.field())
                .containsExactly("metricsSource.url", "metricsSource.requestsPath", "metricsSource.errorsPath");
    }
}
