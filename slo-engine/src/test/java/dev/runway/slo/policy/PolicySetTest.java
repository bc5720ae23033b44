package dev.runway.slo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.FieldViolation;
import dev.runway.slo.policy.rules.BudgetPolicy;
import dev.runway.slo.policy.rules.PolicySet;
import dev.runway.slo.policy.rules.Posture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySetTest {
    static final BudgetPolicy STRICT = new BudgetPolicy(0.9, 0.6, 0.1);

    @Test
    void aServiceWithAnOverrideGetsItsOwnThresholdsAndTheOthersTheDefaults() {
        PolicySet set = new PolicySet(BudgetPolicy.DEFAULT, Map.of("payments", STRICT));
        // 8 % left: TIGHTEN by default, FREEZE for payments (frozen at 10 %)
        assertThat(set.forService("search").postureFor(0.08)).isEqualTo(Posture.TIGHTEN);
        assertThat(set.forService("payments").postureFor(0.08)).isEqualTo(Posture.FREEZE);
        // 70 % left: AGGRESSIVE by default, NORMAL for payments
        assertThat(set.forService("search").postureFor(0.7)).isEqualTo(Posture.AGGRESSIVE);
        assertThat(set.forService("payments").postureFor(0.7)).isEqualTo(Posture.NORMAL);
    }

    @Test
    void anOverridesViolationsAreNamedByItsService() {
        PolicySet set = new PolicySet(
                BudgetPolicy.DEFAULT, Map.of("payments", new BudgetPolicy(0.5, 0.7, 0.0), "Not A Service", STRICT));
        assertThat(set.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("overrides", "overrides.payments.normalAbove");
    }
}
