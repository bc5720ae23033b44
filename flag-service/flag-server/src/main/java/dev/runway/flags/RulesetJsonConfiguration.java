package dev.runway.flags;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Serve;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's model is framework-free; its two sealed interfaces map by the properties each kind has
 * ({@code conditions} vs {@code upToRing}, {@code variant} vs {@code weights}), the recipe pinned in
 * flag-bench's {@code RulesetJsonMappingTest}.
 */
@Configuration(proxyBeanMethods = false)
class RulesetJsonConfiguration {

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Rule.Match.class), @JsonSubTypes.Type(Rule.Rings.class)})
    interface RuleMixIn {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Serve.Variant.class), @JsonSubTypes.Type(Serve.Split.class)})
    interface ServeMixIn {}

    @Bean
    JsonMapperBuilderCustomizer rulesetMixIns() {
        return builder -> builder.addMixIn(Rule.class, RuleMixIn.class).addMixIn(Serve.class, ServeMixIn.class);
    }
}
