package dev.runway.judge.sim;

/**
 * What the canary does differently from the baseline in a simulated step: its error rate and its
 * log-normal latency (median and log-sd). The baseline always follows the {@link TrafficProfile}.
 */
public record Scenario(
        String name, String description, double canaryErrorRate, double canaryMedianMs, double canarySigma) {

    /** A/A: the canary is an exact copy of the baseline. */
    public static Scenario identical(TrafficProfile p) {
        return new Scenario("A/A", "canary identical to baseline", p.baselineErrorRate(), p.medianMs(), p.sigma());
    }

    /** Canary errors at {@code rate} instead of the baseline's. */
    public static Scenario errors(TrafficProfile p, double rate) {
        return new Scenario(
                "errors " + pct(p.baselineErrorRate()) + " → " + pct(rate),
                "canary error rate " + pct(rate) + " vs baseline " + pct(p.baselineErrorRate()),
                rate,
                p.medianMs(),
                p.sigma());
    }

    /**
     * Canary latency multiplied by {@code factor} (a log-normal with the same spread and a median
     * {@code factor} times higher): every quantile, p99 included, rises by that factor.
     */
    public static Scenario slower(TrafficProfile p, double factor) {
        return new Scenario(
                "p99 +" + Math.round(100 * (factor - 1)) + " %",
                "every canary latency × " + factor + " (median and p99 +" + Math.round(100 * (factor - 1)) + " %)",
                p.baselineErrorRate(),
                p.medianMs() * factor,
                p.sigma());
    }

    /**
     * Same median, wider spread: log-sd raised so the canary's p99 is {@code p99Factor} times the
     * baseline's ({@code sigma' = sigma + ln(p99Factor) / z_0.99}) while p50 is unchanged.
     */
    public static Scenario widerSpread(TrafficProfile p, double p99Factor) {
        double z99 = 2.3263478740408408;
        double sigma = p.sigma() + Math.log(p99Factor) / z99;
        return new Scenario(
                "variance ↑, same median",
                String.format(
                        java.util.Locale.ROOT,
                        "canary latency log-sd %.3f vs %.3f at equal median (p99 +%d %%)",
                        sigma,
                        p.sigma(),
                        Math.round(100 * (p99Factor - 1))),
                p.baselineErrorRate(),
                p.medianMs(),
                sigma);
    }

    private static String pct(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * rate);
    }
}
