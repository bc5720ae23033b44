package dev.runway.gateway.shadow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IgnoreListTest {
    static final IgnoreList LIST = new IgnoreList(List.of("servedAt", "meta", "items[].id", "header:date"));

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("servedAt", true),
                Arguments.of("servedAtX", false),
                Arguments.of("meta.requestId", true),
                Arguments.of("meta[0]", true),
                Arguments.of("items[3].id", true),
                Arguments.of("items[3].price", false),
                Arguments.of("header:date", true),
                Arguments.of("version", false));
    }

    @ParameterizedTest(name = "{0} ignored: {1}")
    @MethodSource("paths")
    void ignoresAPathAndWhatIsBelowIt(String path, boolean ignored) {
        assertThat(LIST.ignores(path)).isEqualTo(ignored);
    }
}
