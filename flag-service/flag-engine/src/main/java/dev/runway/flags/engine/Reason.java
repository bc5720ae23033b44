package dev.runway.flags.engine;

/**
 * Why a flag resolved to its variant. The closed set is sealed so that callers (the OFREP server, the SDK,
 * the UI's "why did I get this?") switch over it exhaustively; {@link #ofrepName()} gives the OFREP reason.
 * Instances carry only configuration facts (rule index and id, prerequisite key), never context data, so the
 * engine builds every possible result once at load and evaluation allocates none.
 */
public sealed interface Reason {

    /** The flag has no rules and no rollout: everyone gets the default variant. */
    record Static() implements Reason {}

    /** No rule matched and there is no rollout: the default variant. */
    record Default() implements Reason {}

    /**
     * A rule with a fixed variant matched.
     *
     * @param ruleIndex position of the rule in the flag's rules
     * @param ruleId the rule's id
     */
    record TargetingMatch(int ruleIndex, String ruleId) implements Reason {}

    /**
     * The variant came from a weighted split, either a matched rule's or the flag's rollout.
     *
     * @param ruleIndex position of the rule, or -1 for the flag's rollout
     * @param ruleId the rule's id, or {@code null} for the flag's rollout
     */
    record Split(int ruleIndex, String ruleId) implements Reason {}

    /** The flag is off in this environment: the off variant. */
    record Off() implements Reason {}

    /** The flag's kill switch is on: the off variant. */
    record Killed() implements Reason {}

    /**
     * A prerequisite flag did not evaluate to a required variant: the off variant.
     *
     * @param prerequisite key of the first unmet prerequisite
     */
    record PrerequisiteFailed(String prerequisite) implements Reason {}

    Reason STATIC = new Static();
    Reason DEFAULT = new Default();
    Reason OFF = new Off();
    Reason KILLED = new Killed();

    /** The OFREP / OpenFeature reason string. */
    default String ofrepName() {
        return switch (this) {
            case Static s -> "STATIC";
            case Default d -> "DEFAULT";
            case TargetingMatch t -> "TARGETING_MATCH";
            case Split s -> "SPLIT";
            case Off o -> "DISABLED";
            case Killed k -> "DISABLED";
            case PrerequisiteFailed p -> "DISABLED";
        };
    }
}
