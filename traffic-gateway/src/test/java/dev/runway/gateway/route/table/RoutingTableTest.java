package dev.runway.gateway.route.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTableTest {
    static final List<String> UP = List.of("http://127.0.0.1:1");

    static Route route(String id, String host, String prefix) {
        return new Route(id, host, prefix, UP, List.of(), 0, null, null, null, null);
    }

    static final RoutingTable TABLE = RoutingTable.of(List.of(
            route("root", null, "/"),
            route("api", null, "/api"),
            route("orders", null, "/api/orders/"),
            route("shop-api", "shop.example", "/api")));

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of(null, "/api/price", "api"),
                Arguments.of(null, "/api", "api"),
                Arguments.of(null, "/api/orders/42", "orders"),
                Arguments.of(null, "/apis", "root"),
                Arguments.of(null, "/", "root"),
                Arguments.of("shop.example", "/api/price", "shop-api"),
                Arguments.of("SHOP.example:8000", "/api/price", "shop-api"),
                Arguments.of("shop.example", "/api/orders/1", "shop-api"),
                Arguments.of("shop.example", "/other", "root"),
                Arguments.of("other.example", "/api/price", "api"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("lookups")
    void matchesTheLongestWholeSegmentPrefixHostFirst(String host, String path, String id) {
        assertThat(TABLE.match(host, path).id()).isEqualTo(id);
    }

    @Test
    void noRouteNoMatch() {
        RoutingTable table = RoutingTable.of(List.of(route("api", null, "/api")));
        assertThat(table.match(null, "/other")).isNull();
        assertThat(table.match("/other")).isEmpty();
    }

    @Test
    void withAndWithoutReturnNewTablesAndLeaveTheOldOneAlone() {
        RoutingTable table = RoutingTable.of(List.of(route("api", null, "/api")));
        RoutingTable added = table.with(route("web", null, "/web"));
        RoutingTable removed = added.without("api");
        assertThat(table.size()).isEqualTo(1);
        assertThat(added.match(null, "/web/x").id()).isEqualTo("web");
        assertThat(removed.match(null, "/api/x")).isNull();
        assertThat(removed.byId("web")).isPresent();
    }

    @Test
    void tenThousandRoutesAreFoundByPrefixNotByScanning() {
        List<Route> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(route("svc-" + i, null, "/svc-" + i));
        }
        RoutingTable table = RoutingTable.of(many);
        assertThat(table.size()).isEqualTo(10_000);
        assertThat(table.match(null, "/svc-9999/api/price").id()).isEqualTo("svc-9999");
        assertThat(table.match(null, "/svc-0").id()).isEqualTo("svc-0");
    }
}
