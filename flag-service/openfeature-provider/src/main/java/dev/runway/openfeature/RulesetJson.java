package dev.runway.openfeature;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Serve;
import tools.jackson.databind.json.JsonMapper;

/** Reads the ruleset JSON the flag service ships (the engine's model; sealed kinds told apart by their properties). */
final class RulesetJson {
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

    private RulesetJson() {}

    static Ruleset read(String json) {
        return MAPPER.readValue(json, Ruleset.class);
    }
}
