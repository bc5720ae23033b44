package dev.runway.flags.bench;

import dev.runway.flags.engine.EvaluationContext;
import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Operator;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Serve;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmarked flag, defined once and rendered for both engines so that they evaluate the same rules:
 *
 * <ol>
 *   <li>country in [DE, AT, CH] and plan = enterprise → on
 *   <li>email ends with "@runway.dev" → on
 *   <li>user id in a list of 50 beta testers → on
 *   <li>everyone else: 25 % rollout, bucketed by user id
 * </ol>
 *
 * <p>In Unleash the same flag is one enabled toggle with three constrained {@code default} strategies and a
 * {@code flexibleRollout} strategy (strategies are OR-ed in order, like first-match rules here).
 */
final class Scenario {

    static final String FLAG = "checkout-v2";
    static final List<String> DACH = List.of("DE", "AT", "CH");
    static final String STAFF_DOMAIN = "@runway.dev";
    static final List<String> BETA_TESTERS =
            IntStream.range(0, 50).mapToObj(i -> "beta-" + i).toList();
    static final int ROLLOUT_PERCENT = 25;

    private Scenario() {}

    /** A benchmark user, convertible to either engine's context. */
    record User(String id, String country, String plan, String email) {
        EvaluationContext runway() {
            return new EvaluationContext(id, Map.of("country", country, "plan", plan, "email", email));
        }

        UnleashContext unleash() {
            return UnleashContext.builder()
                    .userId(id)
                    .addProperty("country", country)
                    .addProperty("plan", plan)
                    .addProperty("email", email)
                    .build();
        }
    }

    /** A user no rule matches: every rule is tried, then the rollout hashes. The slowest path for both. */
    static User fallThroughUser() {
        return new User("user-123456", "FR", "free", "someone@example.com");
    }

    /**
     * A deterministic mix: about 10 % match rule 1, 10 % rule 2, 5 % rule 3, the rest fall through to the
     * rollout.
     */
    static List<User> mixedUsers(int count, long seed) {
        Random random = new Random(seed);
        List<String> countries = List.of("DE", "AT", "CH", "FR", "US", "BR", "IN", "JP");
        List<User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            String id = kind < 5
                    ? BETA_TESTERS.get(random.nextInt(BETA_TESTERS.size()))
                    : "user-" + random.nextInt(1_000_000);
            String country = kind >= 5 && kind < 15 ? DACH.get(random.nextInt(3)) : countries.get(random.nextInt(8));
            String plan = kind >= 5 && kind < 15 ? "enterprise" : random.nextBoolean() ? "free" : "team";
            String email = kind >= 15 && kind < 25 ? id + STAFF_DOMAIN : id + "@example.com";
            users.add(new User(id, country, plan, email));
        }
        return users;
    }

    /** The flag as a Runway ruleset. */
    static Ruleset runwayRuleset() {
        Flag flag = new Flag(
                FLAG,
                FlagType.BOOLEAN,
                Map.of("on", true, "off", false),
                "off",
                "off",
                FlagState.ON,
                null,
                List.of(),
                List.of(
                        new Rule.Match(
                                "dach-enterprise",
                                List.of(
                                        Condition.of("country", Operator.IN, DACH.toArray()),
                                        Condition.of("plan", Operator.EQUALS, "enterprise")),
                                new Serve.Variant("on")),
                        new Rule.Match(
                                "staff",
                                List.of(Condition.of("email", Operator.ENDS_WITH, STAFF_DOMAIN)),
                                new Serve.Variant("on")),
                        new Rule.Match(
                                "beta-testers",
                                List.of(Condition.of(
                                        EvaluationContext.TARGETING_KEY, Operator.IN, BETA_TESTERS.toArray())),
                                new Serve.Variant("on"))),
                new Serve.Split(
                        null,
                        List.of(
                                new Serve.Weight("on", ROLLOUT_PERCENT * 100),
                                new Serve.Weight("off", (100 - ROLLOUT_PERCENT) * 100))));
        return new Ruleset("bench", "1", List.of(flag), List.of(), List.of());
    }

    static FlagEngine runwayEngine() {
        FlagEngine engine = FlagEngine.load(runwayRuleset());
        if (!engine.violations().isEmpty()) {
            throw new IllegalStateException("benchmark ruleset is invalid: " + engine.violations());
        }
        return engine;
    }

    /** The same flag as an Unleash client features document (API v2). */
    static String unleashFeaturesJson() {
        return """
                {"version": 2, "segments": [], "features": [{
                  "name": "%s", "type": "release", "enabled": true, "project": "default", "stale": false,
                  "impressionData": false, "variants": [],
                  "strategies": [
                    {"name": "default", "parameters": {}, "constraints": [
                      {"contextName": "country", "operator": "IN", "values": %s, "inverted": false, "caseInsensitive": false},
                      {"contextName": "plan", "operator": "IN", "values": ["enterprise"], "inverted": false, "caseInsensitive": false}]},
                    {"name": "default", "parameters": {}, "constraints": [
                      {"contextName": "email", "operator": "STR_ENDS_WITH", "values": ["%s"], "inverted": false, "caseInsensitive": false}]},
                    {"name": "default", "parameters": {}, "constraints": [
                      {"contextName": "userId", "operator": "IN", "values": %s, "inverted": false, "caseInsensitive": false}]},
                    {"name": "flexibleRollout", "constraints": [],
                     "parameters": {"rollout": "%d", "stickiness": "userId", "groupId": "%s"}}
                  ]}]}
                """.formatted(FLAG, json(DACH), STAFF_DOMAIN, json(BETA_TESTERS), ROLLOUT_PERCENT, FLAG);
    }

    /**
     * An Unleash client that never touches the network: toggles come from the bootstrap document, polling and
     * metrics are disabled, and the API URL (required by the builder) points at a closed loopback port.
     */
    static Unleash unleashClient() {
        try {
            Path backup = Files.createTempFile("unleash-bench-backup", ".json");
            Files.delete(backup); // no stale backup may shadow the bootstrap document
            UnleashConfig config = UnleashConfig.builder()
                    .appName("runway-flag-bench")
                    .instanceId("bench")
                    .unleashAPI("http://127.0.0.1:9/api/")
                    .disablePolling()
                    .disableMetrics()
                    .backupFile(backup.toString())
                    .toggleBootstrapProvider(() -> Optional.of(unleashFeaturesJson()))
                    .build();
            return new DefaultUnleash(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> '"' + v + '"').collect(Collectors.joining(", ", "[", "]"));
    }
}
