package dev.runway.slo.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepCheckTest {
    @ParameterizedTest(name = "expect {0}/{1}/{2}, got {3}/{4}/{5} ms: {6}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // expected status | body contains | max ms | status | body | ms | failures
                "null | null   | null | 200 | ok        | 5    | ''",
                "null | null   | null | 503 | down      | 5    | 'status 503, expected 200'",
                "201  | null   | null | 201 | ok        | 5    | ''",
                "200  | items  | null | 200 | {items:1} | 5    | ''",
                "200  | items  | null | 200 | {}        | 5    | 'body does not contain ''items'''",
                "200  | null   | 100  | 200 | ok        | 100  | ''",
                "200  | null   | 100  | 200 | ok        | 101  | 'took 101 ms, at most 100 ms allowed'",
                "200  | items  | 100  | 500 | {}        | 250  | 'status 500, expected 200 / body does not contain ''items'' / took 250 ms, at most 100 ms allowed'"
            })
    void everyMissedExpectationIsNamed(
            Integer status, String contains, Long maxMs, int gotStatus, String body, long ms, String failures) {
        var expect = status == null && contains == null && maxMs == null
                ? null
                : new ProbeSpec.Expect(status, contains, maxMs);
        assertThat(String.join(" / ", StepCheck.failures(expect, gotStatus, body, ms)))
                .isEqualTo(failures);
    }
}
