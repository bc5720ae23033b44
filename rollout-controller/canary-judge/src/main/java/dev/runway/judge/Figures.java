package dev.runway.judge;

import java.util.Locale;

/** Number formatting for human-readable reasons (fixed locale so reasons are stable across machines). */
final class Figures {

    private Figures() {}

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }

    static String eValue(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    static String ratio(Double value) {
        return value == null ? "undefined" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }

    static Double share(long events, long samples) {
        return samples == 0 ? null : (double) events / samples;
    }

    static double exp(double logValue) {
        return Math.exp(logValue);
    }
}
