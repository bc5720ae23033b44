package dev.runway.slo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.FieldViolation;
import dev.runway.slo.policy.rules.BudgetPolicy;
import dev.runway.slo.policy.rules.Posture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetPolicyTest {
    @ParameterizedTest(name = "{0} of the budget left is {1}")
    @CsvSource({
        "1.00, AGGRESSIVE",
        "0.51, AGGRESSIVE",
        "0.50, NORMAL",
        "0.26, NORMAL",
        "0.25, TIGHTEN",
        "0.01, TIGHTEN",
        "0.00, FREEZE",
        "-0.40, FREEZE"
    })
    void theDefaultPolicyMapsBudgetRemainingToPosture(double remaining, Posture expected) {
        assertThat(BudgetPolicy.DEFAULT.postureFor(remaining)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "unknown budget {0} is NORMAL")
    @CsvSource(
            value = {"NULL", "NaN"},
            nullValues = "NULL")
    void anUnknownBudgetIsNormal(Double remaining) {
        assertThat(BudgetPolicy.DEFAULT.postureFor(remaining)).isEqualTo(Posture.NORMAL);
    }

    @ParameterizedTest(name = "{0}/{1}/{2} is refused on {3}")
    @CsvSource({
        "1.5, 0.25, 0.0, aggressiveAbove",
        "0.5, 0.6, 0.0, normalAbove",
        "0.5, 0.25, 0.25, freezeAtOrBelow",
        "0.5, 0.25, -0.1, freezeAtOrBelow"
    })
    void inconsistentThresholdsAreRefusedNamingTheField(double aggressive, double normal, double freeze, String field) {
        assertThat(new BudgetPolicy(aggressive, normal, freeze).violations())
                .extracting(FieldViolation::field)
                .contains(field);
    }
}
