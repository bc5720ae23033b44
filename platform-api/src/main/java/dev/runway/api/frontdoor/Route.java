package dev.runway.api.frontdoor;

import dev.runway.api.identity.Role;
import java.util.List;
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
        /** Not tied to one service (segments, rings and chaos halts are shared; SLOs and policy need sre anyway). */
        record None() implements Ownership {}

        /** The service is named by a path variable. */
        record ServiceInPath(String variable) implements Ownership {}

        /** The service is named by a top-level string field of the JSON body. */
        record ServiceInBody(String field) implements Ownership {}

        /** The rollout named by a path variable belongs to a service. */
        record RolloutInPath(String variable) implements Ownership {}

        /**
         * The flag named by a path variable belongs to the service its {@code service} field names. Unlike a
         * service or a rollout, a flag without an owner (or whose owner no team owns) is not waved through: the
         * flag-service cannot tell who owns it, so only an sre may change it.
         */
        record FlagInPath(String variable) implements Ownership {}

        /**
         * The flag the JSON body describes names its owning service in this top-level field. A deployer's flag
         * must name one of their team's services: the flag would otherwise leave every team's hands.
         */
        record FlagOwnerInBody(String field) implements Ownership {}

        /** Every one of these must hold (a replaced flag must be the deployer's before and after). */
        record AllOf(List<Ownership> each) implements Ownership {
            public AllOf {
                each = List.copyOf(each);
            }
        }
    }
}
