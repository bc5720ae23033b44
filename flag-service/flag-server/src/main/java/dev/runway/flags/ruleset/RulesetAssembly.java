package dev.runway.flags.ruleset;

import dev.runway.flags.engine.RulesetValidator;
import dev.runway.flags.engine.Violation;
import dev.runway.flags.engine.ViolationCode;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Segment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the stored documents into one {@link Ruleset} per environment, and checks a proposed state of all
 * documents the way the engine will see it, reporting each problem at a path of the document the user sent.
 *
 * <p>Why validate whole rulesets rather than the changed document alone: a change can break another flag
 * (deleting a variant a prerequisite names, deleting a segment a rule uses). Every environment is checked,
 * because each sees different targeting of the same definition.
 */
public final class RulesetAssembly {
    private static final Pattern INDEXED = Pattern.compile("^(flags|segments)\\[(\\d+)](?:\\.(.*))?$");
    private static final Set<String> PER_ENVIRONMENT = Set.of("state", "prerequisites", "rules", "rollout");

    private RulesetAssembly() {}

    /** The ruleset of one environment; documents keep their order, which is the OFREP bulk order. */
    public static Ruleset assemble(
            String environment,
            String revision,
            Collection<FlagDocument> flags,
            List<Segment> segments,
            List<Ring> rings) {
        List<Flag> compiled = new ArrayList<>(flags.size());
        for (FlagDocument document : flags) {
            compiled.add(flag(document, environment));
        }
        return new Ruleset(environment, revision, compiled, segments, rings);
    }

    static Flag flag(FlagDocument document, String environment) {
        EnvironmentConfig config = document.in(environment);
        return new Flag(
                document.key(),
                document.type(),
                document.variants(),
                document.defaultVariant(),
                document.offVariant(),
                config.state(),
                document.salt(),
                config.prerequisites(),
                config.rules(),
                config.rollout());
    }

    /**
     * What would be wrong if these were the stored flags, segments and rings.
     *
     * @param subject what the user is changing: its violations get paths relative to the request body; the
     *     violations of anything else are prefixed with {@code flags.<key>.} or {@code segments.<key>.}
     * @param environments every existing environment
     * @return violations with request paths, deduplicated across environments; empty when all is sound
     */
    public static List<Violation> check(
            Subject subject,
            List<FlagDocument> flags,
            List<Segment> segments,
            List<Ring> rings,
            Collection<String> environments) {
        Set<Violation> found = new LinkedHashSet<>();
        if (subject instanceof Subject.OfFlag(String key)) {
            flags.stream().filter(flag -> key.equals(flag.key())).forEach(flag -> flag.environments().keySet().stream()
                    .filter(environment -> !environments.contains(environment))
                    .forEach(environment -> found.add(new Violation(
                            "environments." + environment,
                            ViolationCode.REQUIRED,
                            "no environment '" + environment + "'; known: " + environments))));
        }
        for (String environment : environments) {
            Ruleset ruleset = assemble(environment, "check", flags, segments, rings);
            for (Violation violation : RulesetValidator.validate(ruleset)) {
                found.add(new Violation(
                        requestPath(subject, ruleset, environment, violation.path()),
                        violation.code(),
                        violation.message()));
            }
        }
        return List.copyOf(found);
    }

    static String requestPath(Subject subject, Ruleset ruleset, String environment, String enginePath) {
        Matcher matcher = INDEXED.matcher(enginePath);
        if (!matcher.matches()) {
            return enginePath;
        }
        int index = Integer.parseInt(matcher.group(2));
        String rest = matcher.group(3);
        if (matcher.group(1).equals("flags")) {
            String key =
                    index < ruleset.flags().size() ? ruleset.flags().get(index).key() : null;
            String relative = rest == null ? "" : flagRelative(rest, environment);
            if (subject instanceof Subject.OfFlag(String subjectKey) && subjectKey.equals(key)) {
                return relative.isEmpty() ? "body" : relative;
            }
            return join("flags." + key, relative);
        }
        String key = index < ruleset.segments().size()
                ? ruleset.segments().get(index).key()
                : null;
        if (subject instanceof Subject.OfSegment(String subjectKey) && subjectKey.equals(key)) {
            return rest == null ? "body" : rest;
        }
        return join("segments." + key, rest == null ? "" : rest);
    }

    private static String flagRelative(String rest, String environment) {
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return PER_ENVIRONMENT.contains(rest.substring(0, end)) ? "environments." + environment + "." + rest : rest;
    }

    private static String join(String prefix, String rest) {
        return rest.isEmpty() ? prefix : prefix + "." + rest;
    }

    /** What a change is about, so that its own problems are reported at paths of its own body. */
    public sealed interface Subject {
        record OfFlag(String key) implements Subject {}

        record OfSegment(String key) implements Subject {}

        record OfRings() implements Subject {}
    }
}
