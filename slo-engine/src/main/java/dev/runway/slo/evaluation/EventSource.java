package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;

/** Where an SLO's events are counted: one small interface per metrics system. */
interface EventSource {
    /** Whether this source reads the given indicator. */
    boolean reads(Indicator indicator);

    /**
     * Good and bad events of the indicator over the window ending now.
     *
     * @throws SourceUnavailable when the source cannot answer; the evaluation skips the SLO this cycle
     */
    EventCounts count(Indicator indicator, Duration window);

    final class SourceUnavailable extends RuntimeException {
        SourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
