package dev.runway.flags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.runway.flags.engine.Evaluation;
import dev.runway.flags.engine.EvaluationContext;
import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.engine.Reason;
import dev.runway.flags.engine.RulesetValidator;
import dev.runway.flags.engine.Violation;
import dev.runway.flags.engine.ViolationCode;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Serve;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine is Jackson-free, but the server and SDK read rulesets from JSON. This pins the recipe: plain
 * records map as they are, and the two sealed interfaces need one mix-in each (deduction by properties).
 */
class RulesetJsonMappingTest {

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Rule.Match.class), @JsonSubTypes.Type(Rule.Rings.class)})
    interface RuleMixIn {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Serve.Variant.class), @JsonSubTypes.Type(Serve.Split.class)})
    interface ServeMixIn {}

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addMixIn(Rule.class, RuleMixIn.class)
            .addMixIn(Serve.class, ServeMixIn.class)
            .build();

    private static final String RULESET = """
            {
              "environment": "production", "revision": "42",
              "segments": [{"key": "staff", "conditions": [
                 {"attribute": "email", "operator": "ends_with", "values": ["@runway.dev"]}]}],
              "rings": [{"key": "ring0", "segments": ["staff"]}],
              "flags": [{
                "key": "new-checkout", "type": "STRING", "state": "ON",
                "variants": {"classic": "v1", "new": "v2"},
                "defaultVariant": "classic", "offVariant": "classic",
                "rules": [
                  {"id": "insiders", "upToRing": "ring0", "serve": {"variant": "new"}},
                  {"id": "germany", "conditions": [{"attribute": "country", "operator": "in", "values": ["DE"]}],
                   "serve": {"weights": [{"variant": "new", "basisPoints": 5000}, {"variant": "classic", "basisPoints": 5000}]}}
                ],
                "rollout": {"bucketBy": "companyId", "weights": [{"variant": "new", "basisPoints": 1000}, {"variant": "classic", "basisPoints": 9000}]}
              }]
            }
            """;

    @Test
    void rulesetReadFromJsonEvaluates() {
        Ruleset ruleset = MAPPER.readValue(RULESET, Ruleset.class);
        assertThat(RulesetValidator.validate(ruleset)).isEmpty();

        FlagEngine engine = FlagEngine.load(ruleset);
        Evaluation.Resolved staff = (Evaluation.Resolved)
                engine.evaluate("new-checkout", new EvaluationContext("u1", Map.of("email", "ana@runway.dev")));
        assertThat(staff.value()).isEqualTo("v2");
        assertThat(staff.reason()).isEqualTo(new Reason.TargetingMatch(0, "insiders"));
        assertThat(engine.revision()).isEqualTo("42");
    }

    @Test
    void rulesetSurvivesARoundTrip() {
        Ruleset ruleset = MAPPER.readValue(RULESET, Ruleset.class);
        Ruleset again = MAPPER.readValue(MAPPER.writeValueAsString(ruleset), Ruleset.class);
        assertThat(again).isEqualTo(ruleset);
    }

    @Test
    void unknownOperatorInJsonIsAFieldViolationNotAMappingFailure() {
        Ruleset ruleset = MAPPER.readValue(RULESET.replace("\"in\"", "\"is_one_of\""), Ruleset.class);
        assertThat(RulesetValidator.validate(ruleset))
                .extracting(Violation::path, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "flags[0].rules[1].conditions[0].operator", ViolationCode.UNKNOWN_OPERATOR));
    }
}
