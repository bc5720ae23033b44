package dev.runway.judge;

import static dev.runway.judge.Buckets.errors;
import static dev.runway.judge.Buckets.latency;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanaryJudgeTest {

    private static final CanaryJudge JUDGE = new CanaryJudge(JudgeConfig.defaults());

    /** Baseline latency shape over {50, 100, 200, 400, 800, +inf}: p50 at 100, p90 at 200, p99 at 800 ms. */
    private static final long[] BASELINE = {300, 400, 200, 80, 15, 5};

    private static List<Observation> buckets(int count, IntFunction<Observation> bucket) {
        List<Observation> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(bucket.apply(i));
        }
        return list;
    }

    /** Reads the verdict after every bucket, as the controller does; returns the first FAIL or the last. */
    private static Verdict watch(CanaryJudge judge, List<Observation> observations, Phase last) {
        CanaryAnalysis analysis = judge.start();
        Verdict verdict = null;
        for (int i = 0; i < observations.size(); i++) {
            analysis.add(observations.get(i));
            verdict = analysis.verdict(i == observations.size() - 1 ? last : Phase.BAKING);
            if (verdict instanceof Verdict.Fail) {
                return verdict;
            }
        }
        return verdict;
    }

    static Stream<Arguments> errorCases() {
        return Stream.of(
                Arguments.of("clear regression: canary 5 % vs baseline 0.5 %", 100, 5, Outcome.FAIL),
                Arguments.of("improvement: canary 0 % vs baseline 0.5 %", 100, 0, Outcome.PASS),
                Arguments.of("equal rates", 200, 1, Outcome.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCases")
    void errorRatioFailsRegressionsAndNeverABetterCanary(
            String name, int canaryRequests, int canaryErrors, Outcome expected) {
        var history = buckets(120, i -> errors(i, canaryRequests, canaryErrors, 1000, 5));

        Verdict verdict = watch(JUDGE, history, Phase.BAKE_COMPLETE);

        MetricReport errorRatio = verdict.report().metrics().getFirst();
        assertThat(errorRatio.outcome()).as(errorRatio.reason()).isEqualTo(expected);
        assertThat(errorRatio.canarySamples()).isPositive();
        assertThat(errorRatio.baselineSamples()).isPositive();
        assertThat(errorRatio.failThreshold()).isEqualTo(200.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void clearErrorRegressionFailsWithinTheFirstMinuteAndSaysWhy() {
        var history = buckets(120, i -> errors(i, 100, 5, 1000, 5));

        Verdict verdict = watch(JUDGE, history, Phase.BAKING);

        assertThat(verdict).isInstanceOf(Verdict.Fail.class);
        assertThat(((Verdict.Fail) verdict).failedMetrics()).containsExactly("error-ratio");
        MetricReport report = verdict.report().metrics().getFirst();
        assertThat(report.harmEvidenceAt()).isBefore(Buckets.end(12));
        assertThat(report.maxEValue()).isGreaterThanOrEqualTo(report.failThreshold());
        assertThat(report.effectSize()).isGreaterThan(5);
        assertThat(report.reason()).contains("canary", "baseline", "e-value");
    }

    @Test
    void anAbsoluteFloorKeepsASmallButCertainIncreaseFromFailing() {
        // 0.2 % → 0.6 %: three times the rate, but under a 1 percentage-point floor.
        var floor = new MetricSpec.ErrorRatio("error-ratio", true, 0.25, 0.01, 500);
        var judge = new CanaryJudge(JudgeConfig.defaults().withMetrics(List.of(floor)));
        var history = buckets(240, i -> errors(i, 500, 3, 1000, 2));

        Verdict withFloor = watch(judge, history, Phase.BAKE_COMPLETE);
        Verdict withoutFloor = watch(JUDGE, history, Phase.BAKE_COMPLETE);

        assertThat(withFloor).isInstanceOf(Verdict.Pass.class);
        assertThat(withFloor.report().metrics().getFirst().maxEValue()).isGreaterThan(100.0);
        assertThat(withoutFloor).isInstanceOf(Verdict.Fail.class);
    }

    @Test
    void sparseErrorsAreComparedByTheirArrivalsNotAsZeroBuckets() {
        // Baseline 0.1 %: one error per 1000 requests. Canary 50 requests per bucket, so most canary buckets
        // hold zero errors either way; only where the errors land matters.
        var fiveTimesWorse = buckets(240, i -> errors(i, 50, i % 4 == 0 ? 1 : 0, 1000, 1));
        var asGood = buckets(240, i -> errors(i, 50, i % 20 == 0 ? 1 : 0, 1000, 1));

        assertThat(watch(JUDGE, fiveTimesWorse, Phase.BAKE_COMPLETE)).isInstanceOf(Verdict.Fail.class);
        Verdict same = watch(JUDGE, asGood, Phase.BAKE_COMPLETE);
        assertThat(same).isInstanceOf(Verdict.Pass.class);
        assertThat(same.report().metrics().getFirst().tests().getFirst().canaryEvents())
                .isEqualTo(12);
    }

    static Stream<Arguments> latencyCases() {
        return Stream.of(
                Arguments.of("identical shape", new long[] {60, 80, 40, 16, 3, 1}, Outcome.PASS),
                Arguments.of("shift: slower everywhere", new long[] {20, 60, 70, 35, 10, 5}, Outcome.FAIL),
                Arguments.of("heavier tail at equal median", new long[] {70, 70, 30, 14, 8, 8}, Outcome.FAIL),
                Arguments.of("faster canary", new long[] {100, 80, 15, 4, 1, 0}, Outcome.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("latencyCases")
    void latencyCatchesShiftsAndHeavierTailsButNeverAFasterCanary(String name, long[] canary, Outcome expected) {
        var history = buckets(120, i -> latency(i, canary, BASELINE));

        Verdict verdict = watch(JUDGE, history, Phase.BAKE_COMPLETE);

        MetricReport latency = verdict.report().metrics().get(1);
        assertThat(latency.outcome()).as(latency.reason()).isEqualTo(expected);
        MetricReport afterStep =
                JUDGE.judge(history, Phase.BAKING).report().metrics().get(1);
        assertThat(afterStep.tests()).extracting(TestFigures::boundMs).containsExactly(100.0, 200.0, 800.0);
    }

    @Test
    void heavierTailIsCaughtAtTheTailBoundWhileTheMedianTestSeesNothing() {
        var history = buckets(120, i -> latency(i, new long[] {70, 70, 30, 14, 8, 8}, BASELINE));

        MetricReport latency =
                JUDGE.judge(history, Phase.BAKING).report().metrics().get(1);

        assertThat(latency.tests().get(0).oddsRatio()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(latency.tests().get(2).eValue())
                .isGreaterThan(latency.tests().get(0).eValue());
        assertThat(latency.reason()).contains("p99");
    }

    @Test
    void tooLittleDataIsInconclusiveEvenWhenTheBakeTimeIsOver() {
        var history = buckets(3, i -> errors(i, 10, 0, 200, 1));

        Verdict verdict = JUDGE.judge(history, Phase.BAKE_COMPLETE);

        assertThat(verdict).isInstanceOf(Verdict.Inconclusive.class);
        assertThat(((Verdict.Inconclusive) verdict).undecidedMetrics()).containsExactly("error-ratio", "latency");
        assertThat(verdict.reason()).contains("too little data");
    }

    @Test
    void nothingObservedIsInconclusive() {
        assertThat(JUDGE.judge(List.of(), Phase.BAKE_COMPLETE)).isInstanceOf(Verdict.Inconclusive.class);
    }

    @Test
    void aCriticalMetricFailsTheVerdictAlone() {
        // Errors regress while latency is identical and passes.
        var history = buckets(120, i -> errors(i, 100, 5, 1000, 5));

        Verdict verdict = JUDGE.judge(history, Phase.BAKE_COMPLETE);

        assertThat(verdict).isInstanceOf(Verdict.Fail.class);
        assertThat(verdict.report().metrics())
                .extracting(MetricReport::outcome)
                .containsExactly(Outcome.FAIL, Outcome.PASS);
    }

    @Test
    void oneNonCriticalFailureIsToleratedAndReportedTwoAreNot() {
        var errorsOnly = new MetricSpec.ErrorRatio("error-ratio", false, 0.25, 0, 500);
        var orders = MetricSpec.Threshold.atLeast("orders_per_minute", 10);
        var config = JudgeConfig.defaults().withMetrics(List.of(errorsOnly, orders));
        var regression = buckets(120, i -> errors(i, 100, 5, 1000, 5));
        var healthyOrders = regression.stream()
                .map(o -> Buckets.withBusinessMetric(o, "orders_per_minute", 12))
                .toList();
        var noOrders = regression.stream()
                .map(o -> Buckets.withBusinessMetric(o, "orders_per_minute", 2))
                .toList();

        Verdict tolerated = new CanaryJudge(config).judge(healthyOrders, Phase.BAKE_COMPLETE);
        Verdict failed = new CanaryJudge(config).judge(noOrders, Phase.BAKE_COMPLETE);

        assertThat(tolerated).isInstanceOf(Verdict.Pass.class);
        assertThat(tolerated.reason()).contains("tolerated", "error-ratio");
        assertThat(failed).isInstanceOf(Verdict.Fail.class);
        assertThat(((Verdict.Fail) failed).failedMetrics()).containsExactly("error-ratio", "orders_per_minute");
    }

    static Stream<Arguments> thresholdCases() {
        return Stream.of(
                Arguments.of("three violations in a row fail", List.of(12.0, 9.0, 8.0, 7.0), Outcome.FAIL),
                Arguments.of(
                        "isolated violations do not fail", List.of(12.0, 9.0, 11.0, 8.0, 12.0, 13.0), Outcome.PASS),
                Arguments.of("met but too few values", List.of(12.0, 13.0), Outcome.INCONCLUSIVE),
                Arguments.of(
                        "mean below the limit is not a pass",
                        List.of(12.0, 5.0, 12.0, 5.0, 12.0, 5.0, 11.0),
                        Outcome.INCONCLUSIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholdCases")
    void absoluteThresholdOnABusinessMetric(String name, List<Double> values, Outcome expected) {
        var orders = MetricSpec.Threshold.atLeast("orders_per_minute", 10).asCritical();
        var judge = new CanaryJudge(JudgeConfig.defaults().withMetrics(List.of(orders)));
        var history = new ArrayList<Observation>();
        for (int i = 0; i < values.size(); i++) {
            history.add(Buckets.withBusinessMetric(errors(i, 50, 0, 950, 5), "orders_per_minute", values.get(i)));
        }

        MetricReport report =
                judge.judge(history, Phase.BAKE_COMPLETE).report().metrics().getFirst();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(expected);
        assertThat(report.kind()).isEqualTo(MetricKind.THRESHOLD);
    }

    @Test
    void judgingAHistoryEqualsFeedingItBucketByBucket() {
        var history = buckets(50, i -> latency(i, new long[] {20, 60, 70, 35, 10, 5}, BASELINE));
        CanaryAnalysis analysis = JUDGE.start();
        history.forEach(analysis::add);

        assertThat(analysis.verdict(Phase.BAKING)).isEqualTo(JUDGE.judge(history, Phase.BAKING));
    }

    @Test
    void bucketsOutOfTimeOrderAreRejected() {
        CanaryAnalysis analysis = JUDGE.start();
        analysis.add(errors(5, 10, 0, 100, 0));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analysis.add(errors(1, 10, 0, 100, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
