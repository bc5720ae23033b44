package dev.runway.rollouts.rollout;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.rollouts.machine.Command;
import dev.runway.rollouts.machine.Commands;
import dev.runway.rollouts.machine.IllegalTransition;
import dev.runway.rollouts.machine.Rollout;
import dev.runway.rollouts.machine.RolloutState;
import dev.runway.rollouts.policy.PostureSource;
import dev.runway.rollouts.policy.PostureSource.PostureReading;
import dev.runway.rollouts.registry.RegisteredService;
import dev.runway.rollouts.registry.ServiceRegistry;
import dev.runway.rollouts.strategy.Posture;
import dev.runway.rollouts.strategy.Strategies;
import dev.runway.rollouts.strategy.Strategy;
import dev.runway.rollouts.strategy.StrategyParser;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating rollouts and carrying out commands on them. Validation and the posture check happen before the
 * transaction (the posture is an HTTP call); the insert, its first transition and the audit records commit
 * together, so bad input never leaves a half-created rollout.
 */
@Service
class RolloutService {
    private final RolloutStore store;
    private final ServiceRegistry registry;
    private final PostureSource posture;
    private final RolloutSettings settings;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReconcileSignal signal;

    RolloutService(
            RolloutStore store,
            ServiceRegistry registry,
            PostureSource posture,
            RolloutSettings settings,
            AuditLog audit,
            JsonMapper json,
            TransactionTemplate tx,
            Clock clock,
            ReconcileSignal signal) {
        this.store = store;
        this.registry = registry;
        this.posture = posture;
        this.settings = settings;
        this.audit = audit;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
        this.signal = signal;
    }

    RolloutRecord create(RolloutRequests.Create request, AuditContext context) {
        RegisteredService service = registry.find(request.service())
                .orElseThrow(
                        () -> ApiProblem.invalid("service", "no service '" + request.service() + "' is registered"));
        List<FieldViolation> violations = new ArrayList<>();
        checkUpstream(service, request, violations);
        Strategy explicit = null;
        if (request.strategy() != null) {
            var parsed = StrategyParser.parse("custom", request.strategy(), "strategy");
            violations.addAll(parsed.violations());
            explicit = parsed.strategy();
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        PostureReading reading = posture.postureOf(service.name());
        boolean breakGlass = reading.posture() == Posture.FREEZE;
        // Through a freeze either on the slo-engine's approved record (who asked, who approved, why), or on this
        // request, by a caller holding a permitted role with a written justification.
        Object glass = null;
        String glassReason = "";
        if (breakGlass && reading.breakGlass() != null) {
            var record = reading.breakGlass();
            glass = record;
            glassReason = "; BREAK-GLASS record " + record.id() + " (asked by " + record.requestedBy()
                    + ", approved by " + record.approvedBy() + ", until " + record.expiresAt() + "): "
                    + record.justification();
        } else if (breakGlass) {
            checkBreakGlass(service.name(), request.breakGlass(), context);
            glass = request.breakGlass();
            glassReason = "; BREAK-GLASS as " + request.breakGlass().role() + ": "
                    + request.breakGlass().justification();
        }
        Strategy strategy = explicit != null ? explicit : strategyFor(service, reading.posture());
        String reason = "created with strategy '" + strategy.name() + "' (" + strategy.size() + " steps); posture "
                + reading.detail()
                + glassReason;
        Rollout rollout = new Rollout(
                UUID.randomUUID().toString(),
                service.name(),
                request.version(),
                strategy,
                RolloutState.PENDING,
                0,
                clock.instant(),
                1,
                false,
                reason);
        RolloutRecord record = new RolloutRecord(
                rollout,
                request.artifact(),
                request.commitSha(),
                request.commitTime(),
                request.canaryUpstream(),
                service.stableVersion(),
                reading.posture().name(),
                0,
                null,
                null,
                null,
                null,
                null,
                0,
                null);
        Object glassUsed = glass;
        String breakGlassJson = glassUsed == null ? null : json.writeValueAsString(glassUsed);
        tx.executeWithoutResult(status -> {
            store.insert(record, breakGlassJson, context);
            if (glassUsed != null) {
                audit.record(context, "rollout.break-glass", "rollout/" + rollout.id(), null, glassUsed);
            }
        });
        signal.wake();
        return store.find(rollout.id()).orElseThrow();
    }

    /**
     * Built-in strategy for the posture, except that a NORMAL or AGGRESSIVE service with its own default
     * keeps it; TIGHTEN (and a break-glass FREEZE) always takes the built-in careful strategy, since a
     * service's own default was not written for a burning budget.
     */
    private Strategy strategyFor(RegisteredService service, Posture posture) {
        boolean relaxed = posture == Posture.NORMAL || posture == Posture.AGGRESSIVE;
        if (relaxed && service.defaultStrategy() != null) {
            return StrategyParser.parse(service.name() + "-default", service.defaultStrategy(), "defaultStrategy")
                    .strategy();
        }
        return Strategies.forPosture(posture, settings.timing());
    }

    private static void checkUpstream(
            RegisteredService service, RolloutRequests.Create request, List<FieldViolation> violations) {
        if (service.deploymentDriver() == RegisteredService.DeploymentDriver.STATIC) {
            if (request.canaryUpstream() == null || request.canaryUpstream().isBlank()) {
                violations.add(new FieldViolation("canaryUpstream", "is required for a STATIC service"));
            } else if (!isHttpUrl(request.canaryUpstream())) {
                violations.add(new FieldViolation("canaryUpstream", "must be an http(s) URL"));
            }
        } else if (request.canaryUpstream() != null) {
            violations.add(new FieldViolation(
                    "canaryUpstream", "only for STATIC services; a KUBERNETES canary runs the artifact as its image"));
        }
    }

    /**
     * A freeze is broken only by a person who holds a permitted role, as authenticated by the front door (the
     * {@code X-Runway-Actor-Roles} it forwards); naming a role in the body is not enough.
     */
    private void checkBreakGlass(String service, RolloutRequests.BreakGlass breakGlass, AuditContext context) {
        if (breakGlass == null) {
            throw ApiProblem.conflict(
                    "posture-freeze",
                    "service '" + service + "' is FROZEN by its error-budget policy; a break-glass request needs a"
                            + " permitted role " + settings.breakGlassRoles() + " and a written justification");
        }
        if (breakGlass.role() == null || !settings.breakGlassRoles().contains(breakGlass.role())) {
            throw new ApiProblem(
                    403,
                    "break-glass-role",
                    "Forbidden",
                    "role '" + breakGlass.role() + "' may not break glass; permitted: " + settings.breakGlassRoles(),
                    List.of(new FieldViolation("breakGlass.role", "must be one of " + settings.breakGlassRoles())));
        }
        if (!context.hasRole(breakGlass.role())) {
            throw new ApiProblem(
                    403,
                    "break-glass-role",
                    "Forbidden",
                    context.actor().name() + " does not hold the role '" + breakGlass.role() + "' (holds "
                            + (context.roles().isEmpty() ? "none" : context.roles()) + ")",
                    List.of(new FieldViolation("breakGlass.role", "is not a role the caller holds")));
        }
        String justification = breakGlass.justification() == null
                ? ""
                : breakGlass.justification().strip();
        if (justification.length() < settings.minJustification()) {
            throw ApiProblem.invalid(
                    "breakGlass.justification",
                    "must say why, in at least " + settings.minJustification() + " characters");
        }
    }

    RolloutRecord command(String id, Command command, AuditContext context) {
        RolloutRecord saved = tx.execute(status -> {
            RolloutRecord current = store.lock(id).orElseThrow(() -> ApiProblem.notFound("rollout", id));
            Rollout next;
            try {
                next = Commands.apply(current.rollout(), command, clock.instant());
            } catch (IllegalTransition e) {
                throw ApiProblem.conflict("illegal-transition", e.getMessage());
            }
            String name = command.getClass().getSimpleName().toLowerCase();
            return store.save(current, next, TransitionNote.of(name), context);
        });
        // The reconciler carries out what the new state asks for (abort: weight to 0) without waiting a tick.
        signal.wake();
        return saved;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
