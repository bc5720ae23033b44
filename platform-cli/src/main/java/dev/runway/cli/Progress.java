package dev.runway.cli;

import java.io.PrintStream;

/** One line per step, so that a slow start shows where it is rather than hanging silently. */
final class Progress {
    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what, String detail) {
        out.printf("  %-20s %s%n", what, detail);
        out.flush();
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    static String seconds(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
