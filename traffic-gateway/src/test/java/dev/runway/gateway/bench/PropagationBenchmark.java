package dev.runway.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.route.RoutingTableHolder;
import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.support.GatewayInstance;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the default run): the delay between a weight change
 * committed through one replica and the other replica's routing table holding it, over 100 changes.
 * Run: {@code ./mvnw -B -pl traffic-gateway test -Dtest=PropagationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PropagationBenchmark {
    static final int CHANGES = 100;

    @Test
    void weightChangesReachTheOtherReplica() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (GatewayInstance writer = GatewayInstance.start(db.url(), db.user(), db.password());
                GatewayInstance reader = GatewayInstance.start(db.url(), db.user(), db.password())) {
            ServiceClient admin = ServiceClient.at(
                    "http://127.0.0.1:" + writer.adminPort(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
            var created = admin.post(
                    "/api/v1/routes",
                    "{\"id\":\"propagation\",\"pathPrefix\":\"/p\",\"stable\":[\"http://127.0.0.1:1\"],"
                            + "\"canary\":[\"http://127.0.0.1:2\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            RoutingTableHolder table = reader.bean(RoutingTableHolder.class);
            List<Double> fromRequest = new ArrayList<>();
            List<Double> fromCommit = new ArrayList<>();
            for (int i = 1; i <= CHANGES; i++) {
                int weight = i * 97 % 10_000;
                long sent = System.nanoTime();
                var set = admin.put("/api/v1/routes/propagation/weight", "{\"canaryWeight\":" + weight + "}");
                long answered = System.nanoTime();
                assertThat(set.status()).isEqualTo(200);
                while (table.current()
                                .byId("propagation")
                                .map(Route::canaryWeight)
                                .orElse(-1)
                        != weight) {
                    Thread.onSpinWait();
                    if (System.nanoTime() - sent > 5_000_000_000L) {
                        throw new AssertionError("change " + i + " not seen after 5 s");
                    }
                }
                long seen = System.nanoTime();
                fromRequest.add((seen - sent) / 1e6);
                fromCommit.add(Math.max(0, seen - answered) / 1e6);
                Thread.sleep(20);
            }
            String report = String.format(
                    Locale.ROOT,
                    "propagation over %d weight changes (ms), request sent to replica A -> table swapped on replica B:"
                            + " p50 %.2f, p99 %.2f, max %.2f; A's answer -> B swapped: p50 %.2f, p99 %.2f, max %.2f%n",
                    CHANGES,
                    quantile(fromRequest, 0.50),
                    quantile(fromRequest, 0.99),
                    Collections.max(fromRequest),
                    quantile(fromCommit, 0.50),
                    quantile(fromCommit, 0.99),
                    Collections.max(fromCommit));
            System.out.print(report);
            Files.writeString(Path.of("target", "propagation-benchmark.txt"), report);
        }
    }

    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
