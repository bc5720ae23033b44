package dev.runway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadableFiguresTest {

    @ParameterizedTest
    @CsvSource({
        "38.529999999999994, 38.53",
        "168.7, 168.7",
        "0.004975124378109453, 0.004975",
        "12345.678, 12350",
        "0, 0",
    })
    void theConsoleShowsFourSignificantDigits(double figure, double shown) {
        assertThat(ConsoleController.readable(figure)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity"})
    void nonFiguresPassThrough(double figure) {
        assertThat(Double.valueOf(ConsoleController.readable(figure))).isEqualTo(Double.valueOf(figure));
    }
}
