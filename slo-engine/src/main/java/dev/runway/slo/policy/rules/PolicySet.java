package dev.runway.slo.policy.rules;

import dev.runway.common.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy for every service, with the services that deviate from it: a payments service may freeze earlier
 * (at 10 % left), an internal tool may stay aggressive longer. A service without an override gets the
 * defaults.
 *
 * @param overrides thresholds per service name
 */
public record PolicySet(BudgetPolicy defaults, Map<String, BudgetPolicy> overrides) {
    public PolicySet {
        overrides = overrides == null ? Map.of() : Map.copyOf(new TreeMap<>(overrides));
    }

    public static final PolicySet DEFAULT = new PolicySet(BudgetPolicy.DEFAULT, Map.of());

    /** The thresholds that apply to a service. */
    public BudgetPolicy forService(String service) {
        return overrides.getOrDefault(service, defaults);
    }

    public boolean overrides(String service) {
        return overrides.containsKey(service);
    }

    /** Field-level reasons; an override's fields are named {@code overrides.<service>.<field>}. */
    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>(defaults.violations());
        new TreeMap<>(overrides).forEach((service, policy) -> {
            if (service == null || !service.matches("[a-z][a-z0-9-]{1,62}")) {
                violations.add(new FieldViolation("overrides", "'" + service + "' is not a service name"));
                return;
            }
            if (policy == null) {
                violations.add(new FieldViolation("overrides." + service, "needs the three thresholds"));
                return;
            }
            policy.violations()
                    .forEach(v ->
                            violations.add(new FieldViolation("overrides." + service + "." + v.field(), v.reason())));
        });
        return violations;
    }
}
