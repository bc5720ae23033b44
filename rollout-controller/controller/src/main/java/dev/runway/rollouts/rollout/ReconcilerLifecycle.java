package dev.runway.rollouts.rollout;

import dev.runway.rollouts.leader.LeaderLock;
import dev.runway.rollouts.registry.ServiceRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the reconcile loop on its own thread once the application is up; {@code
 * runway.rollouts.reconcile.enabled=false} turns it off (API-only tests).
 */
@Component("reconciler")
class ReconcilerLifecycle implements SmartLifecycle, HealthIndicator {
    /** Advisory lock key: any fixed number no other service uses ("rollouts" in ASCII). */
    static final long LEADER_KEY = 0x726f6c6c6f757473L;

    private final boolean enabled;
    private final LeaderLock leader;
    private final Reconciler reconciler;
    private Thread thread;

    ReconcilerLifecycle(
            @Value("${runway.rollouts.reconcile.enabled:true}") boolean enabled,
            @Value("${runway.rollouts.reconcile.interval:PT1S}") Duration interval,
            @Value("${runway.rollouts.reconcile.max-failures:20}") int maxFailures,
            DataSource dataSource,
            RolloutStore store,
            ServiceRegistry registry,
            Integrations integrations,
            DecisionApplier applier,
            ReconcileSignal signal,
            Clock clock,
            JsonMapper json) {
        this.enabled = enabled;
        this.leader = new LeaderLock(dataSource, LEADER_KEY);
        this.reconciler = new Reconciler(
                store, registry, integrations, applier, leader, signal, clock, json, interval.toMillis(), maxFailures);
    }

    @Override
    public synchronized void start() {
        if (enabled && thread == null) {
            thread = Thread.ofPlatform().name("rollout-reconciler").daemon().start(reconciler);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            reconciler.stop();
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        leader.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** {@code reconciler} in /actuator/health: whether this replica leads (a standby is healthy too). */
    @Override
    public Health health() {
        return Health.up()
                .withDetail("enabled", enabled)
                .withDetail("leader", reconciler.leading())
                .build();
    }
}
