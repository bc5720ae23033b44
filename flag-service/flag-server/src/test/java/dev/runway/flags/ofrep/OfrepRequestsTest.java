package dev.runway.flags.ofrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.EvaluationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class OfrepRequestsTest {
    private final OfrepRequests requests =
            new OfrepRequests(JsonMapper.builder().build());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{context:                                   | PARSE_ERROR",
                "[1, 2]                                      | PARSE_ERROR",
                "{\"context\": [1]}                          | INVALID_CONTEXT",
                "{\"context\": \"u1\"}                       | INVALID_CONTEXT",
                "{\"context\": {\"targetingKey\": 42}}       | INVALID_CONTEXT",
                "{\"context\": {\"targetingKey\": [\"a\"]}}  | INVALID_CONTEXT",
            })
    void unreadableRequestsGetTheProtocolsErrorCode(String body, String errorCode) {
        assertThat(requests.parse(body))
                .isInstanceOfSatisfying(OfrepRequests.Parsed.Invalid.class, invalid -> assertThat(invalid.errorCode())
                        .isEqualTo(errorCode));
    }

    @Test
    void aMissingBodyOrContextIsTheEmptyContext() {
        assertThat(requests.parse(null)).isEqualTo(new OfrepRequests.Parsed.Valid(EvaluationContext.EMPTY));
        assertThat(requests.parse("{}")).isEqualTo(new OfrepRequests.Parsed.Valid(EvaluationContext.EMPTY));
        assertThat(requests.parse("{\"context\": null}"))
                .isEqualTo(new OfrepRequests.Parsed.Valid(EvaluationContext.EMPTY));
    }

    @Test
    void theTargetingKeyIsTakenOutOfTheAttributes() {
        var parsed = (OfrepRequests.Parsed.Valid)
                requests.parse("{\"context\": {\"targetingKey\": \"u1\", \"country\": \"DE\", \"age\": 42}}");
        assertThat(parsed.context().targetingKey()).isEqualTo("u1");
        assertThat(parsed.context().attributes()).isEqualTo(Map.of("country", "DE", "age", 42));
    }

    @ParameterizedTest(name = "If-None-Match {0} vs {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"7-abc\"              | \"7-abc\" | true",
                "W/\"7-abc\"            | \"7-abc\" | true",
                "\"6-abc\", \"7-abc\"   | \"7-abc\" | true",
                "*                      | \"7-abc\" | true",
                "\"6-abc\"              | \"7-abc\" | false",
            })
    void etagsMatchAsHttpSays(String ifNoneMatch, String etag, boolean matches) {
        assertThat(OfrepRequests.etagMatches(ifNoneMatch, etag)).isEqualTo(matches);
    }
}
