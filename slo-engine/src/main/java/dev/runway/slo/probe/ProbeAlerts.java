package dev.runway.slo.probe;

import dev.runway.slo.notify.AlertEvent;
import dev.runway.slo.notify.AlertNotifier;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A failing journey raises an alert of its own, at once, without waiting for a burn rate: it opens after
 * {@code failuresToAlert} failed runs in a row and resolves at the first run that passes. It lives in the same
 * history as SLO alerts ({@code slo} is {@code probe:<name>}, label {@code probe-failed}) and is announced the
 * same way, once each way.
 */
@Component
class ProbeAlerts {
    static final String LABEL = "probe-failed";

    private final JdbcClient jdbc;
    private final AlertNotifier notifier;

    ProbeAlerts(JdbcClient jdbc, AlertNotifier notifier) {
        this.jdbc = jdbc;
        this.notifier = notifier;
    }

    void after(ProbeSpec probe, JourneyRunner.Outcome outcome) {
        String key = "probe:" + probe.name();
        if (outcome.success()) {
            int resolved = jdbc.sql("""
                    UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolve_reason = :reason
                    WHERE slo = :slo AND label = :label AND state = 'FIRING'
                    """)
                    .param("slo", key)
                    .param("label", LABEL)
                    .param("reason", outcome.reason())
                    .update();
            if (resolved > 0) {
                notify(probe, AlertEvent.RESOLVED, outcome.reason());
            }
            return;
        }
        List<Boolean> recent = jdbc.sql(
                        "SELECT success FROM probe_results WHERE probe = :probe ORDER BY at DESC, id DESC LIMIT :n")
                .param("probe", probe.name())
                .param("n", probe.failuresToAlert())
                .query(Boolean.class)
                .list();
        if (recent.size() < probe.failuresToAlert() || recent.contains(Boolean.TRUE)) {
            return;
        }
        String reason = String.format(
                Locale.ROOT, "%d failed runs in a row; last: %s", probe.failuresToAlert(), outcome.reason());
        int opened = jdbc.sql("""
                INSERT INTO alerts (slo, service, label, severity, state, reason)
                VALUES (:slo, :service, :label, :severity, 'FIRING', :reason)
                ON CONFLICT DO NOTHING
                """)
                .param("slo", key)
                .param("service", probe.service())
                .param("label", LABEL)
                .param("severity", probe.alertTier().toUpperCase(Locale.ROOT))
                .param("reason", reason)
                .update();
        if (opened > 0) {
            notify(probe, AlertEvent.FIRING, reason);
        }
    }

    private void notify(ProbeSpec probe, String state, String reason) {
        notifier.notify(List.of(new AlertEvent(
                "probe:" + probe.name(), probe.service(), probe.alertTier(), LABEL, state, reason, Instant.now())));
    }
}
