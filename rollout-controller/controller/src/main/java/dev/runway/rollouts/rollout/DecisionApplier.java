package dev.runway.rollouts.rollout;

import dev.runway.common.actor.AuditContext;
import dev.runway.rollouts.deploy.DeploymentDriver;
import dev.runway.rollouts.machine.Decision;
import dev.runway.rollouts.machine.Rollout;
import dev.runway.rollouts.machine.Transitions;
import dev.runway.rollouts.registry.RegisteredService;
import dev.runway.rollouts.registry.ServiceRegistry;
import dev.runway.rollouts.traffic.TrafficRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where decisions touch the world. Each case performs its effects (idempotent) and then
 * records the new state once, with its transition and audit record. If the controller dies between the
 * effect and the record, the next pass reads the effect back (the router's split) and the pure decision
 * does not repeat it.
 */
@Component
class DecisionApplier {
    static final AuditContext CONTROLLER = AuditContext.system("rollout-controller", "reconcile");

    private final RolloutStore store;
    private final ServiceRegistry registry;
    private final Integrations integrations;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration readinessTimeout;
    private final Timer abortToZero;

    DecisionApplier(
            RolloutStore store,
            ServiceRegistry registry,
            Integrations integrations,
            TransactionTemplate tx,
            Clock clock,
            RolloutSettings settings,
            MeterRegistry meters) {
        this.store = store;
        this.registry = registry;
        this.integrations = integrations;
        this.tx = tx;
        this.clock = clock;
        this.readinessTimeout = settings.readinessTimeout();
        this.abortToZero = Timer.builder("runway.rollouts.abort.weight.zero")
                .description("from the recorded abort decision until the router acknowledged canary weight 0")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Applies {@code decision}; returns the stored record afterwards. */
    RolloutRecord apply(RolloutRecord record, RegisteredService service, Decision decision) {
        Rollout r = record.rollout();
        String route = service.routeId();
        DeploymentDriver.Target target =
                new DeploymentDriver.Target(r.service(), r.version(), record.artifact(), record.canaryUpstream());
        switch (decision) {
            case Decision.Wait w -> {
                return record;
            }
            case Decision.Done d -> {
                return record;
            }
            case Decision.StartCanary d -> {
                DeploymentDriver driver = integrations.driver(service);
                List<String> upstreams = driver.startCanary(target);
                DeploymentDriver.Readiness ready = driver.canaryReadiness(target);
                if (!ready.ready()) {
                    // No traffic to pods that are still starting: wait (the start is idempotent), give up at
                    // the deadline. PENDING's clock started when the rollout was created.
                    if (Duration.between(r.stepStartedAt(), clock.instant()).compareTo(readinessTimeout) < 0) {
                        return record;
                    }
                    driver.scaleDownCanary(target);
                    return save(
                            record,
                            new Decision.Fail("the canary did not become ready within " + readinessTimeout + ": "
                                    + ready.detail()),
                            service,
                            null);
                }
                integrations.router(service).attachCanary(route, upstreams);
                return save(
                        record,
                        decision,
                        service,
                        () -> store.markCanaryStarted(r.id(), clock.instant(), service.stableUpstream()));
            }
            case Decision.ShiftWeight d -> {
                integrations.router(service).setWeight(route, d.percent(), d.expectedPercent());
                return save(record, decision, service, null);
            }
            case Decision.ShiftAudience d -> {
                integrations.router(service).setAudience(route, d.ring(), service.rings());
                return save(record, decision, service, null);
            }
            case Decision.Advance d -> {
                return save(record, decision, service, null);
            }
            case Decision.Pause d -> {
                return save(record, decision, service, null);
            }
            case Decision.Promote d -> {
                return save(record, decision, service, null);
            }
            case Decision.Fail d -> {
                return save(record, decision, service, null);
            }
            case Decision.CompletePromotion d -> {
                // Stable first takes the new version, then traffic returns to the stable pool, and only then
                // does the canary scale down: at no moment does weight point at a workload that is gone.
                DeploymentDriver driver = integrations.driver(service);
                driver.promote(target);
                DeploymentDriver.Readiness stableReady = driver.stableReadiness(target);
                if (!stableReady.ready()) {
                    // The canary keeps its share until the stable pool runs the new version everywhere. Past the
                    // deadline this is a failed pass like any other, and the failure policy aborts.
                    if (Duration.between(r.stepStartedAt(), clock.instant()).compareTo(readinessTimeout) < 0) {
                        return record;
                    }
                    throw new IllegalStateException("the promoted stable workload did not become ready within "
                            + readinessTimeout + ": " + stableReady.detail());
                }
                boolean isStatic = service.deploymentDriver() == RegisteredService.DeploymentDriver.STATIC;
                String stablePool = isStatic ? record.canaryUpstream() : service.stableUpstream();
                TrafficRouter router = integrations.router(service);
                if (stablePool != null) {
                    router.replaceStable(route, List.of(stablePool));
                } else {
                    router.detachCanary(route);
                }
                driver.scaleDownCanary(target);
                return save(record, decision, service, () -> registry.setStable(r.service(), r.version(), stablePool));
            }
            case Decision.Abort d -> {
                // Record why first, then act at once in the same pass: the reason survives a crash and the
                // canary loses its traffic without waiting for another tick.
                RolloutRecord aborting = save(record, decision, service, null);
                return apply(
                        aborting,
                        service,
                        new Decision.CompleteRollback(false, aborting.rollout().reason()));
            }
            case Decision.CompleteRollback d -> {
                TrafficRouter router = integrations.router(service);
                router.setWeight(route, 0, null);
                // ABORTING's clock started when the abort was recorded: this is decision -> 0 % at the router.
                if (!d.restorePreviousStable()) {
                    abortToZero.record(Duration.between(r.stepStartedAt(), clock.instant()));
                }
                router.detachCanary(route);
                integrations.driver(service).scaleDownCanary(target);
                // A rollback of a promoted release, or an abort in the middle of promoting: the stable workload
                // gets its previous version back (a no-op when the promotion never reached it).
                integrations.driver(service).revertPromotion(target);
                if (d.restorePreviousStable()) {
                    String previous = record.previousUpstream();
                    if (previous != null) {
                        router.replaceStable(route, List.of(previous));
                    }
                    return save(
                            record,
                            decision,
                            service,
                            () -> registry.setStable(
                                    r.service(),
                                    record.previousVersion(),
                                    previous == null ? service.stableUpstream() : previous));
                }
                return save(record, decision, service, null);
            }
        }
    }

    private RolloutRecord save(RolloutRecord record, Decision decision, RegisteredService service, Runnable alsoInTx) {
        Rollout next = Transitions.after(record.rollout(), decision, clock.instant());
        TransitionNote note =
                switch (decision) {
                    case Decision.Abort a -> new TransitionNote("abort", a.failedMetrics(), a.report());
                    case Decision.Pause p -> new TransitionNote("pause", List.of(), p.report());
                    default -> TransitionNote.of(name(decision));
                };
        return tx.execute(status -> {
            if (alsoInTx != null) {
                alsoInTx.run();
            }
            return store.save(record, next, note, CONTROLLER);
        });
    }

    static String name(Decision decision) {
        String simple = decision.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }
}
