package dev.runway.slo.policy;

import dev.runway.common.actor.AuditContext;
import dev.runway.slo.access.Editors;
import dev.runway.slo.evaluation.SloStatusBoard;
import dev.runway.slo.policy.rules.BudgetPolicy;
import dev.runway.slo.policy.rules.PolicySet;
import dev.runway.slo.policy.rules.Posture;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PolicyController {
    private final PolicyStore policies;
    private final SloStatusBoard statuses;
    private final BreakGlassStore breakGlass;

    PolicyController(PolicyStore policies, SloStatusBoard statuses, BreakGlassStore breakGlass) {
        this.policies = policies;
        this.statuses = statuses;
        this.breakGlass = breakGlass;
    }

    /** @param overrides thresholds per service that deviate from these; none when absent */
    record PolicyRequest(
            @NotNull Double aggressiveAbove,
            @NotNull Double normalAbove,
            @NotNull Double freezeAtOrBelow,
            java.util.Map<String, BudgetPolicy> overrides) {}

    /**
     * What the rollout-controller and the chaos-service ask before they take risk. A break-glass does not hide
     * the freeze: the posture stays FREEZE and {@code breakGlass} names who may go through it, why and until
     * when, so that a rollout may proceed carefully while chaos stays off.
     */
    /**
     * @param evaluated false until the first evaluation since start-up has published: the posture is then a
     *     placeholder (TIGHTEN), which a caller may wait out rather than act on
     */
    record PostureView(
            String service,
            Posture posture,
            Double budgetRemaining,
            long policyVersion,
            String reason,
            BreakGlassStore.BreakGlass breakGlass,
            boolean evaluated) {}

    @GetMapping("/api/v1/policy")
    PolicyStore.Version current() {
        return policies.current();
    }

    @GetMapping("/api/v1/policy/versions")
    List<PolicyStore.Version> history() {
        return policies.history();
    }

    @PostMapping("/api/v1/policy")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyStore.Version edit(@Valid @RequestBody PolicyRequest request, AuditContext context) {
        Editors.requireSre(context, "edit the error-budget policy");
        return policies.save(
                new PolicySet(
                        new BudgetPolicy(request.aggressiveAbove(), request.normalAbove(), request.freezeAtOrBelow()),
                        request.overrides()),
                context);
    }

    @GetMapping("/api/v1/services/{service}/posture")
    PostureView posture(@PathVariable String service) {
        PolicyStore.Version policy = policies.current();
        if (!statuses.evaluated()) {
            // Right after a start nothing is known, not even a freeze that held before the restart: careful,
            // not blocked, as the rollout-controller also treats a posture it cannot read.
            return new PostureView(
                    service,
                    Posture.TIGHTEN,
                    null,
                    policy.version(),
                    "the first evaluation since the slo-engine started has not finished: TIGHTEN until it has,"
                            + " so that a freeze cannot lapse across a restart",
                    null,
                    false);
        }
        var budget = statuses.budgetRemaining(service);
        Double budgetRemaining = budget.isPresent() ? budget.getAsDouble() : null;
        BudgetPolicy thresholds = policy.set().forService(service);
        Posture posture = thresholds.postureFor(budgetRemaining);
        String which = policy.set().overrides(service) ? "policy v%d, override for " + service : "policy v%d";
        String reason = statuses.tightest(service)
                .map(tightest -> String.format(
                        java.util.Locale.ROOT,
                        "%.1f %% of the error budget of SLO %s remains (" + which + ")",
                        100 * tightest.budgetRemaining().getAsDouble(),
                        tightest.slo(),
                        policy.version()))
                // Until a service has an SLO with data its budget is unknown: neither extra risk nor a freeze.
                .orElse("no SLO with data for " + service + ": the budget is unknown, so the posture is NORMAL");
        var glass = posture == Posture.FREEZE ? breakGlass.active(service).orElse(null) : null;
        if (glass != null) {
            reason += String.format(
                    java.util.Locale.ROOT,
                    "; break-glass %s by %s, approved by %s, until %s: %s",
                    glass.id(),
                    glass.requestedBy(),
                    glass.approvedBy(),
                    glass.expiresAt(),
                    glass.justification());
        }
        return new PostureView(service, posture, budgetRemaining, policy.version(), reason, glass, true);
    }
}
