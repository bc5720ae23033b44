package dev.runway.slo.policy;

import dev.runway.common.actor.AuditContext;
import dev.runway.slo.policy.rules.BudgetPolicy;
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

    PolicyController(PolicyStore policies) {
        this.policies = policies;
    }

    record PolicyRequest(
            @NotNull Double aggressiveAbove,
            @NotNull Double normalAbove,
            @NotNull Double freezeAtOrBelow) {}

    /** What the rollout-controller and the chaos-service ask before they take risk. */
    record PostureView(String service, Posture posture, Double budgetRemaining, long policyVersion, String reason) {}

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
        return policies.save(
                new BudgetPolicy(request.aggressiveAbove(), request.normalAbove(), request.freezeAtOrBelow()), context);
    }

    @GetMapping("/api/v1/services/{service}/posture")
    PostureView posture(@PathVariable String service) {
        PolicyStore.Version policy = policies.current();
        // Budgets arrive with the SLO work; until a service has an SLO its budget is unknown, hence NORMAL.
        Double budgetRemaining = null;
        return new PostureView(
                service,
                policy.policy().postureFor(budgetRemaining),
                budgetRemaining,
                policy.version(),
                "no SLO is defined for " + service + ": the budget is unknown, so the posture is NORMAL");
    }
}
