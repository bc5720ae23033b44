package dev.runway.gateway.shadow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class ResponseDifferTest {
    static final ResponseDiffer DIFFER = new ResponseDiffer(JsonMapper.builder().build());

    static CapturedResponse json(int status, String body) {
        return new CapturedResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("identical", "{\"a\":1}", "{\"a\":1}", List.of(), List.of()),
                Arguments.of(
                        "member order does not matter", "{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}", List.of(), List.of()),
                Arguments.of(
                        "one field",
                        "{\"sku\":\"A\",\"version\":\"v1\"}",
                        "{\"sku\":\"A\",\"version\":\"v2\"}",
                        List.of(),
                        List.of("version")),
                Arguments.of("nested field", "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":2}}", List.of(), List.of("a.b")),
                Arguments.of(
                        "array element",
                        "{\"items\":[{\"p\":1},{\"p\":2}]}",
                        "{\"items\":[{\"p\":1},{\"p\":3}]}",
                        List.of(),
                        List.of("items[1].p")),
                Arguments.of("array length", "[1,2]", "[1,2,3]", List.of(), List.of("[2]")),
                Arguments.of("missing member", "{\"a\":1}", "{}", List.of(), List.of("a")),
                Arguments.of("type change", "{\"a\":1}", "{\"a\":\"1\"}", List.of(), List.of("a")),
                Arguments.of("ignored field", "{\"at\":1,\"v\":1}", "{\"at\":2,\"v\":2}", List.of("at"), List.of("v")),
                Arguments.of(
                        "ignored subtree",
                        "{\"meta\":{\"id\":1,\"t\":2}}",
                        "{\"meta\":{\"id\":9,\"t\":8}}",
                        List.of("meta"),
                        List.of()),
                Arguments.of(
                        "ignored in every element",
                        "{\"items\":[{\"id\":1,\"p\":1}]}",
                        "{\"items\":[{\"id\":2,\"p\":1}]}",
                        List.of("items[].id"),
                        List.of()),
                Arguments.of("not json", "hello", "world", List.of(), List.of("body")),
                Arguments.of("same text", "hello", "hello", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void reportsTheDifferingPathsOnly(String name, String left, String right, List<String> ignore, List<String> paths) {
        var diffs = DIFFER.diff(json(200, left), json(200, right), List.of(), new IgnoreList(ignore));
        assertThat(diffs).extracting(FieldDiff::path).containsExactlyElementsOf(paths);
    }

    @Test
    void comparesStatusAndTheChosenHeadersOnly() {
        var left =
                new CapturedResponse(200, Map.of("content-type", "application/json", "x-a", "1"), new byte[0], false);
        var right = new CapturedResponse(500, Map.of("content-type", "text/plain", "x-a", "2"), new byte[0], false);
        var diffs = DIFFER.diff(left, right, List.of("Content-Type"), new IgnoreList(List.of()));
        assertThat(diffs).extracting(FieldDiff::path).containsExactly("status", "header:content-type");
        assertThat(diffs.getFirst().left()).isEqualTo("200");
        assertThat(diffs.getFirst().right()).isEqualTo("500");
    }

    @Test
    void aTruncatedBodyIsNotCompared() {
        var left = new CapturedResponse(200, Map.of(), new byte[0], true);
        var right = json(200, "{\"a\":1}");
        assertThat(DIFFER.diff(left, right, List.of(), new IgnoreList(List.of())))
                .isEmpty();
    }

    @Test
    void samplesShowBothValues() {
        var diffs = DIFFER.diff(
                json(200, "{\"version\":\"v1\"}"),
                json(200, "{\"version\":\"v2\"}"),
                List.of(),
                new IgnoreList(List.of()));
        assertThat(diffs.getFirst()).isEqualTo(new FieldDiff("version", "\"v1\"", "\"v2\""));
    }
}
