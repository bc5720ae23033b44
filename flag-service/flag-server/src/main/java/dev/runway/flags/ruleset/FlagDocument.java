package dev.runway.flags.ruleset;

import dev.runway.flags.engine.model.FlagType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flag as its owners edit it: the definition shared by all environments plus each environment's
 * targeting. An environment that is not listed has the flag off.
 *
 * @param key unique flag key
 * @param service the owning service (a name in the rollout-controller's registry), {@code null} for a flag no
 *     team owns; metadata for the front door's team check, never part of evaluation
 * @param type value type of every variant
 * @param variants variant name → value
 * @param defaultVariant served when on and nothing else decides
 * @param offVariant served when off, killed or a prerequisite is unmet
 * @param salt bucketing seed, {@code null} for the key
 * @param description free text for people
 * @param environments environment key → that environment's state and targeting
 */
public record FlagDocument(
        String key,
        String service,
        FlagType type,
        Map<String, Object> variants,
        String defaultVariant,
        String offVariant,
        String salt,
        String description,
        Map<String, EnvironmentConfig> environments) {
    public FlagDocument {
        // Keep nulls and order: a null must reach the validator as a violation, not crash a copy.
        variants = variants == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        environments = environments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    }

    /** This environment's targeting, or "off with no rules" when the environment is not listed. */
    public EnvironmentConfig in(String environment) {
        EnvironmentConfig config = environments.get(environment);
        return config == null ? EnvironmentConfig.OFF : config;
    }

    /** A copy with one environment's targeting replaced. */
    public FlagDocument with(String environment, EnvironmentConfig config) {
        Map<String, EnvironmentConfig> copy = new LinkedHashMap<>(environments);
        copy.put(environment, config);
        return new FlagDocument(key, service, type, variants, defaultVariant, offVariant, salt, description, copy);
    }

    /** A copy with another key (the key in the URL wins over the body's). */
    public FlagDocument withKey(String newKey) {
        return new FlagDocument(
                newKey, service, type, variants, defaultVariant, offVariant, salt, description, environments);
    }

    /** A copy with another owning service. */
    public FlagDocument withService(String newService) {
        return new FlagDocument(
                key, newService, type, variants, defaultVariant, offVariant, salt, description, environments);
    }
}
