package dev.runway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoWorkloadTest {
    final HttpClient http = HttpClient.newHttpClient();
    DemoWorkload workload;

    @BeforeEach
    void start() throws Exception {
        workload = new DemoWorkload("127.0.0.1", 0, "v7", new DemoWorkload.Behaviour(0, 0, 0));
        workload.start();
    }

    @AfterEach
    void stop() {
        workload.stop();
    }

    @Test
    void pricesCarryTheVersion() throws Exception {
        var response = get("/api/price?sku=ABC");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"sku\":\"ABC\"", "\"version\":\"v7\"", "\"currency\":\"EUR\"");
    }

    @Test
    void ordersAreCreated() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(uri("/api/orders"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"ABC\",\"quantity\":3}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"quantity\":3", "\"orderId\":");
    }

    @Test
    void anErrorRateOfOneFailsEveryRequestAndCanBeTurnedOffWhileRunning() throws Exception {
        workload.behave(new DemoWorkload.Behaviour(1.0, 0, 0));
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/price").statusCode()).isEqualTo(500);
        }
        var control = http.send(
                HttpRequest.newBuilder(uri("/control"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 0}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(control.body()).contains("\"errorRate\":0.0");
        assertThat(get("/api/price").statusCode()).isEqualTo(200);
    }

    @Test
    void aPartialErrorRateFailsAboutThatShare() throws Exception {
        workload.behave(new DemoWorkload.Behaviour(0.3, 0, 0));
        int failures = 0;
        for (int i = 0; i < 400; i++) {
            if (get("/api/price").statusCode() == 500) {
                failures++;
            }
        }
        // 400 draws at p = 0.3: mean 120, sd about 9.2; 6 sd either side never fails by chance.
        assertThat(failures).isBetween(65, 175);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new DemoWorkload.Behaviour(1.5, 0, 0)).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> DemoWorkload.parse(new String[] {"oops"})).hasMessageContaining("oops");
        assertThat(DemoWorkload.parse(new String[] {"--port", "9", "--version=v2"}))
                .containsEntry("port", "9")
                .containsEntry("version", "v2");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + workload.port() + path);
    }
}
