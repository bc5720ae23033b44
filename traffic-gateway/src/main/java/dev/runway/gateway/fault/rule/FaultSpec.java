package dev.runway.gateway.fault.rule;

import dev.runway.common.problem.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fault as requested through the API, before the gateway has accepted it.
 *
 * @param version {@code ANY} when absent
 * @param percent share of matching requests hit, more than 0 and at most 100 (steps of 0.01)
 * @param delayMs added latency, 0 to {@value #MAX_DELAY_MS}
 * @param abortStatus status answered instead of calling the upstream (400-599), or null to forward
 * @param ttl how long the fault lives (ISO-8601 duration); this or {@code expiresAt} is required
 * @param expiresAt when the fault ends
 * @param experiment id of the chaos experiment installing the fault (optional): lower-case letters, digits,
 *     {@code .}, {@code _}, {@code -}, at most 63 characters, so that it is safe as a metrics label
 */
public record FaultSpec(
        VersionScope version,
        Double percent,
        HeaderMatch header,
        Long delayMs,
        Integer abortStatus,
        Duration ttl,
        Instant expiresAt,
        String experiment) {
    public static final long MAX_DELAY_MS = 60_000;
    private static final Pattern EXPERIMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** Everything wrong with the request; the fault is accepted only when this is empty. */
    public List<FieldViolation> violations(Instant now, Duration maxTtl) {
        List<FieldViolation> violations = new ArrayList<>();
        if (percent == null || percent.isNaN() || percent <= 0 || percent > 100) {
            violations.add(new FieldViolation("percent", "must be above 0 and at most 100"));
        }
        if (delayMs != null && (delayMs < 0 || delayMs > MAX_DELAY_MS)) {
            violations.add(new FieldViolation("delayMs", "must be between 0 and " + MAX_DELAY_MS));
        }
        if (abortStatus != null && (abortStatus < 400 || abortStatus > 599)) {
            violations.add(new FieldViolation("abortStatus", "must be an error status between 400 and 599"));
        }
        if ((delayMs == null || delayMs == 0) && abortStatus == null) {
            violations.add(new FieldViolation("delayMs", "a fault needs a delay, an abortStatus, or both"));
        }
        if (header != null && (header.name() == null || !header.name().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}"))) {
            violations.add(new FieldViolation("header.name", "must be a header name"));
        }
        if (experiment != null && !EXPERIMENT.matcher(experiment).matches()) {
            violations.add(new FieldViolation(
                    "experiment", "must be 1 to 63 of a-z, 0-9, '.', '_', '-', starting with a letter or digit"));
        }
        checkExpiry(now, maxTtl, violations);
        return violations;
    }

    private void checkExpiry(Instant now, Duration maxTtl, List<FieldViolation> violations) {
        if (ttl == null && expiresAt == null) {
            violations.add(new FieldViolation("ttl", "every fault needs an expiry: give ttl (PT5M) or expiresAt"));
        } else if (ttl != null && expiresAt != null) {
            violations.add(new FieldViolation("ttl", "give ttl or expiresAt, not both"));
        } else if (ttl != null && (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0)) {
            violations.add(new FieldViolation("ttl", "must be positive and at most " + maxTtl));
        } else if (expiresAt != null
                && (!expiresAt.isAfter(now) || Duration.between(now, expiresAt).compareTo(maxTtl) > 0)) {
            violations.add(new FieldViolation("expiresAt", "must be in the future and at most " + maxTtl + " away"));
        }
    }

    /** The accepted fault; call only when {@link #violations} is empty. */
    public Fault accept(String id, String routeId, Instant now) {
        Instant expiry = expiresAt != null ? expiresAt : now.plus(ttl);
        return new Fault(
                id,
                routeId,
                version == null ? VersionScope.ANY : version,
                (int) Math.round(percent * 100),
                header,
                delayMs == null ? 0 : delayMs,
                abortStatus,
                now,
                expiry,
                experiment);
    }
}
