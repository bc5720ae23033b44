package dev.runway.rollouts.rollout;

import dev.runway.judge.Verdict;
import dev.runway.rollouts.leader.LeaderLock;
import dev.runway.rollouts.machine.Decider;
import dev.runway.rollouts.machine.Decision;
import dev.runway.rollouts.machine.Failures;
import dev.runway.rollouts.machine.Observed;
import dev.runway.rollouts.machine.RolloutState;
import dev.runway.rollouts.registry.RegisteredService;
import dev.runway.rollouts.registry.ServiceRegistry;
import dev.runway.rollouts.traffic.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconcile loop: while this replica holds the leader lock, each unfinished rollout goes through a
 * flat pipeline — read the split back from the router, bring the continuous analysis up to date, decide
 * (pure), apply (one place) — repeated while the decision changes something, so a chain such as
 * abort → rollback completes in one pass. Errors (router or metrics down) leave the rollout as stored and
 * are retried at the next tick: state lives in PostgreSQL, never only here.
 */
final class Reconciler implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int MAX_DECISIONS_PER_PASS = 10;

    private final RolloutStore store;
    private final ServiceRegistry registry;
    private final Integrations integrations;
    private final DecisionApplier applier;
    private final LeaderLock leader;
    private final ReconcileSignal signal;
    private final Clock clock;
    private final JsonMapper json;
    private final long intervalMillis;
    private final Analyses analyses = new Analyses();
    private final int maxFailures;
    private volatile boolean running = true;
    private volatile boolean wasLeader;

    Reconciler(
            RolloutStore store,
            ServiceRegistry registry,
            Integrations integrations,
            DecisionApplier applier,
            LeaderLock leader,
            ReconcileSignal signal,
            Clock clock,
            JsonMapper json,
            long intervalMillis,
            int maxFailures) {
        this.store = store;
        this.registry = registry;
        this.integrations = integrations;
        this.applier = applier;
        this.leader = leader;
        this.signal = signal;
        this.clock = clock;
        this.json = json;
        this.intervalMillis = intervalMillis;
        this.maxFailures = maxFailures;
    }

    @Override
    public void run() {
        while (running) {
            try {
                pass();
                signal.await(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("reconcile pass failed: {}", e.toString());
            }
        }
    }

    boolean leading() {
        return wasLeader;
    }

    void stop() {
        running = false;
    }

    /** One pass over every unfinished rollout, if this replica leads. */
    void pass() {
        boolean leading = leader.holds();
        if (leading && !wasLeader) {
            // A new term: rebuild every analysis from the store rather than trusting memory from an old one.
            analyses.clear();
        }
        wasLeader = leading;
        if (!leading) {
            return;
        }
        for (String id : store.unfinished()) {
            try {
                reconcile(id);
                store.clearFailures(id);
            } catch (RolloutStore.StaleRollout e) {
                log.debug("{}: changed by a command meanwhile; next pass", id);
            } catch (RuntimeException e) {
                log.warn("rollout {}: {}", id, e.toString());
                giveUpIfStuck(id, e);
            }
        }
    }

    /**
     * After {@code maxFailures} failed passes in a row, the failure policy decides (abort or FAILED). The count
     * is stored, so a new leader goes on counting where the old one stopped instead of starting over.
     */
    private void giveUpIfStuck(String id, RuntimeException error) {
        try {
            int count = store.recordFailure(id, error.getMessage());
            RolloutRecord record = store.find(id).orElseThrow();
            var decision = Failures.after(record.rollout(), count, maxFailures, error.getMessage());
            if (decision.isPresent()) {
                store.clearFailures(id);
                RegisteredService service =
                        registry.find(record.rollout().service()).orElseThrow();
                applier.apply(record, service, decision.get());
            }
        } catch (RuntimeException again) {
            log.warn("rollout {}: the failure policy could not be applied either: {}", id, again.toString());
        }
    }

    void reconcile(String id) {
        for (int i = 0; i < MAX_DECISIONS_PER_PASS; i++) {
            RolloutRecord record = store.find(id).orElseThrow();
            if (record.rollout().state().terminal()) {
                analyses.forget(id);
                return;
            }
            RegisteredService service =
                    registry.find(record.rollout().service()).orElseThrow();
            Observed observed = observe(record, service);
            Decision decision = Decider.decide(record.rollout(), observed, clock.instant());
            if (decision instanceof Decision.Wait || decision instanceof Decision.Done) {
                return;
            }
            log.info(
                    "rollout {} ({} {}): {} — {}",
                    id,
                    record.rollout().service(),
                    record.rollout().version(),
                    DecisionApplier.name(decision),
                    decision.reason());
            if (applier.apply(record, service, decision) == record) {
                return; // the effect waits on the world (a workload becoming ready): try again next tick
            }
        }
    }

    private Observed observe(RolloutRecord record, RegisteredService service) {
        RolloutState state = record.rollout().state();
        if (state == RolloutState.PENDING || state == RolloutState.ABORTING || state == RolloutState.PROMOTING) {
            // These decisions do not depend on traffic or analysis; skipping the reads keeps aborts fast.
            return Observed.nothingYet(0, -1);
        }
        TrafficRouter.Split split = integrations.router(service).read(service.routeId());
        Verdict baking = null;
        Verdict complete = null;
        Instant from = record.analysisFrom();
        if (from != null) {
            Analyses.Verdicts verdicts = analyses.update(
                    record.id(),
                    record.rollout().attempt(),
                    from,
                    integrations.judgeConfig(service),
                    integrations.metrics(service),
                    service.routeId(),
                    clock.instant());
            baking = verdicts.baking();
            complete = verdicts.bakeComplete();
            if (verdicts.advanced() && baking != null) {
                store.saveReport(record.id(), json.writeValueAsString(baking.report()));
            }
        }
        return new Observed(split.canaryPercent(), split.ring(), baking, complete);
    }
}
