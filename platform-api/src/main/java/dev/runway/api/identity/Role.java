package dev.runway.api.identity;

import dev.runway.common.problem.ApiProblem;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform's roles. They form a ladder: each role holds every right of the ones below it (an sre may do
 * what a deployer may; an admin may do everything), so a check is one comparison.
 */
public enum Role {
    /** Reads everything. */
    VIEWER,
    /** Starts, promotes, pauses, resumes and rolls back rollouts of its teams' services; changes flags. */
    DEPLOYER,
    /** Deployer on every service, plus SLOs, the error-budget policy, routes and chaos. */
    SRE,
    /** Everything, including users, tokens and teams. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it holds, as the lowercase keys services read from {@code X-Runway-Actor-Roles}. */
    Set<String> impliedKeys() {
        return Arrays.stream(values()).filter(this::includes).map(Role::key).collect(Collectors.toSet());
    }

    public static Role parse(String field, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw ApiProblem.invalid(field, "'" + value + "' is not a role: use viewer, deployer, sre or admin");
        }
    }

    static Set<Role> parseAll(String field, java.util.Collection<String> values) {
        if (values == null || values.isEmpty()) {
            throw ApiProblem.invalid(field, "name at least one role: viewer, deployer, sre or admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        int i = 0;
        for (String value : values) {
            roles.add(parse(field + "[" + i++ + "]", value));
        }
        return roles;
    }
}
