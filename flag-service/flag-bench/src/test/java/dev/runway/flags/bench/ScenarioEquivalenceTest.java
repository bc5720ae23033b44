package dev.runway.flags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.Evaluation;
import dev.runway.flags.engine.FlagEngine;
import io.getunleash.Unleash;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark is only fair if both engines evaluate the same flag: rule matches must agree user for user,
 * and both rollouts must serve about 25 %. (Individual rollout users differ: the two hash different inputs.)
 */
class ScenarioEquivalenceTest {

    private static FlagEngine runway;
    private static Unleash unleash;

    @BeforeAll
    static void load() {
        runway = Scenario.runwayEngine();
        unleash = Scenario.unleashClient();
    }

    @AfterAll
    static void shutdown() {
        unleash.shutdown();
    }

    @Test
    void usersMatchingARuleAreEnabledByBothEngines() {
        List<Scenario.User> users = List.of(
                new Scenario.User("u1", "AT", "enterprise", "u1@example.com"),
                new Scenario.User("u2", "US", "free", "u2@runway.dev"),
                new Scenario.User("beta-7", "US", "free", "b@example.com"));
        for (Scenario.User user : users) {
            Evaluation.Resolved resolved = (Evaluation.Resolved) runway.evaluate(Scenario.FLAG, user.runway());
            assertThat(resolved.ofrepReason()).as(user.id()).isEqualTo("TARGETING_MATCH");
            assertThat(resolved.value()).isEqualTo(true);
            assertThat(unleash.isEnabled(Scenario.FLAG, user.unleash()))
                    .as(user.id())
                    .isTrue();
        }
    }

    @Test
    void bothRolloutsServeAboutTheConfiguredShare() {
        int users = 10_000;
        int runwayOn = 0;
        int unleashOn = 0;
        for (int i = 0; i < users; i++) {
            Scenario.User user = new Scenario.User("user-" + i, "FR", "free", "x@example.com");
            if (((Evaluation.Resolved) runway.evaluate(Scenario.FLAG, user.runway()))
                    .value()
                    .equals(true)) {
                runwayOn++;
            }
            if (unleash.isEnabled(Scenario.FLAG, user.unleash())) {
                unleashOn++;
            }
        }
        int expected = users * Scenario.ROLLOUT_PERCENT / 100;
        assertThat(runwayOn).isBetween(expected - 300, expected + 300);
        assertThat(unleashOn).isBetween(expected - 300, expected + 300);
    }

    @Test
    void mixedUsersHitEveryPath() {
        long matched = Scenario.mixedUsers(1_024, 42).stream()
                .map(user -> runway.evaluate(Scenario.FLAG, user.runway()).ofrepReason())
                .filter("TARGETING_MATCH"::equals)
                .count();
        assertThat(matched).isBetween(150L, 350L);
    }
}
