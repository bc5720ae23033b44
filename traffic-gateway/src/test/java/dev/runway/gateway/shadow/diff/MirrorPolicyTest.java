package dev.runway.gateway.shadow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.route.table.Shadow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MirrorPolicyTest {
    static Shadow shadow(double percent, boolean writes) {
        return new Shadow("http://127.0.0.1:1", percent, writes, null, null, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("GET copied", shadow(100, false), "GET", 9999, true),
                Arguments.of("HEAD copied", shadow(100, false), "HEAD", 0, true),
                Arguments.of("OPTIONS copied", shadow(100, false), "OPTIONS", 0, true),
                Arguments.of("POST not copied by default", shadow(100, false), "POST", 0, false),
                Arguments.of("DELETE not copied by default", shadow(100, false), "DELETE", 0, false),
                Arguments.of("POST copied when sandboxed", shadow(100, true), "POST", 0, true),
                Arguments.of("outside the share", shadow(10, false), "GET", 1000, false),
                Arguments.of("inside the share", shadow(10, false), "GET", 999, true),
                Arguments.of("zero percent", shadow(0, true), "GET", 0, false),
                Arguments.of("no shadow", null, "GET", 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Shadow shadow, String method, int draw, boolean copied) {
        assertThat(MirrorPolicy.copies(shadow, method, draw)).isEqualTo(copied);
    }
}
