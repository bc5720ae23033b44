package dev.runway.api.frontdoor;

import dev.runway.api.identity.Role;
import java.util.Set;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One line of the public API's route table: which methods on which path pattern reach which service, and who
 * may call them.
 *
 * @param methods HTTP methods, upper case
 * @param pattern a Spring path pattern ({@code /api/v1/rollouts/{id}/{action}}, {@code /api/v1/flags/**})
 */
public record Route(Set<String> methods, String pattern, Peer peer, Access access, Ownership ownership) {
    public Route {
        methods = Set.copyOf(methods);
    }

    PathPattern parsed() {
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    /** Whether calls through this route change something (the authorization matrix covers every such route). */
    public boolean mutates() {
        return methods.stream().anyMatch(m -> !m.equals("GET") && !m.equals("HEAD"));
    }

    /** Who may call a route at all. */
    public sealed interface Access {
        /** Authenticated by other means (a webhook's signature). */
        record Public() implements Access {}

        record Requires(Role role) implements Access {}
    }

    /** Whose service a call changes, for the deployer's team check. */
    public sealed interface Ownership {
        /** Not tied to one service (flags carry no owner yet; SLOs and policy need sre anyway). */
        record None() implements Ownership {}

        /** The service is named by a path variable. */
        record ServiceInPath(String variable) implements Ownership {}

        /** The service is named by a top-level string field of the JSON body. */
        record ServiceInBody(String field) implements Ownership {}

        /** The rollout named by a path variable belongs to a service. */
        record RolloutInPath(String variable) implements Ownership {}
    }
}
