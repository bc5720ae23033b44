package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.TimeSlices;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synthetic probe runs as events: a run that passed every step is good, any other is bad. Read from the
 * engine's own results table, every probe and window in one statement per cycle.
 */
final class ProbeEventSource implements EventSource {
    private final JdbcClient jdbc;

    ProbeEventSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean reads(Indicator indicator) {
        return indicator instanceof Indicator.Probe;
    }

    @Override
    public EventCounts count(Indicator indicator, Duration window) {
        return read(List.of(indicator), Set.of(window), Instant.now()).count(indicator, window);
    }

    /**
     * Runs grouped into slices aligned to the epoch, one statement per SLO: a slice is bad when its share of
     * passing runs is below the slice target, and a slice without runs is good (a probe that did not run failed
     * nothing; its absence is for the scheduler's own health to show).
     */
    @Override
    public Reading timeslices(
            Indicator indicator, Duration slice, double sliceTarget, Set<Duration> windows, Instant now) {
        String probe = ((Indicator.Probe) indicator).probe();
        TimeSlices slices = new TimeSlices(slice);
        Duration longest = new TreeSet<>(windows).last();
        try {
            jdbc.sql("""
                            SELECT to_timestamp(floor(extract(epoch FROM at) / :slice) * :slice) AS s,
                                   count(*) AS t, count(*) FILTER (WHERE success) AS g
                            FROM probe_results
                            WHERE probe = :probe AND at >= :from AND at <= :now
                            GROUP BY 1""")
                    .param("slice", slice.toSeconds())
                    .param("probe", probe)
                    .param("from", slices.sliceOf(now.minus(longest)).atOffset(ZoneOffset.UTC))
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        slices.judge(
                                rs.getTimestamp("s").toInstant(),
                                TimeSlices.isBad(rs.getLong("t"), rs.getLong("g"), sliceTarget));
                    });
        } catch (DataAccessException failure) {
            throw new SourceUnavailable(
                    "probe results cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
        return (asked, window) -> {
            if (!asked.equals(indicator) || !windows.contains(window)) {
                throw new IllegalArgumentException("not read: " + asked + " over " + window);
            }
            return slices.count(window, now);
        };
    }

    @Override
    public Reading read(Collection<Indicator> indicators, Set<Duration> windows, Instant now) {
        List<Duration> ordered = List.copyOf(new TreeSet<>(windows));
        StringBuilder band = new StringBuilder("CASE");
        Map<String, Object> params = new HashMap<>();
        for (int w = 0; w < ordered.size(); w++) {
            band.append(" WHEN at >= :s").append(w).append(" THEN ").append(w);
            params.put("s" + w, now.minus(ordered.get(w)).atOffset(ZoneOffset.UTC));
        }
        band.append(" ELSE -1 END");
        TreeSet<String> probes = new TreeSet<>();
        indicators.forEach(i -> probes.add(((Indicator.Probe) i).probe()));
        params.put("probes", "{" + String.join(",", probes) + "}");
        params.put("from", now.minus(ordered.getLast()).atOffset(ZoneOffset.UTC));
        params.put("now", now.atOffset(ZoneOffset.UTC));
        Map<String, long[]> sums = new HashMap<>();
        try {
            jdbc.sql("SELECT probe, " + band + ", count(*), count(*) FILTER (WHERE NOT success) FROM probe_results"
                            + " WHERE probe = ANY(CAST(:probes AS text[])) AND at >= :from AND at <= :now"
                            + " GROUP BY 1, 2")
                    .params(params)
                    .query(rs -> {
                        int b = rs.getInt(2);
                        if (b >= 0) {
                            long[] row = sums.computeIfAbsent(rs.getString(1), p -> new long[2 * ordered.size()]);
                            row[2 * b] += rs.getLong(3);
                            row[2 * b + 1] += rs.getLong(4);
                        }
                    });
        } catch (DataAccessException failure) {
            throw new SourceUnavailable(
                    "probe results cannot be read: "
                            + failure.getMostSpecificCause().getMessage(),
                    failure);
        }
        return (indicator, window) -> {
            int w = ordered.indexOf(window);
            if (w < 0) {
                throw new IllegalArgumentException("window " + window + " was not read this cycle");
            }
            long[] row = sums.get(((Indicator.Probe) indicator).probe());
            long total = 0;
            long bad = 0;
            for (int b = 0; row != null && b <= w; b++) {
                total += row[2 * b];
                bad += row[2 * b + 1];
            }
            return new EventCounts(total, bad);
        };
    }
}
