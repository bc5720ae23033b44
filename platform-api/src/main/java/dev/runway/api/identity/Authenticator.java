package dev.runway.api.identity;

import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalToken;
import dev.runway.common.config.RunwayProperties;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves the credentials of an API call to a {@link Caller}, or says why they are refused. Tried in order:
 * a bearer token (the bootstrap admin token, then API tokens), then the internal token of the platform's own
 * services.
 */
@Component
public class Authenticator {
    /** The actor name the bootstrap admin token acts as. */
    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final TokenStore tokens;
    private final Optional<InternalToken> bootstrap;
    private final InternalToken internal;
    private final Clock clock = Clock.systemUTC();

    Authenticator(TokenStore tokens, IdentitySettings settings, RunwayProperties runway) {
        this.tokens = tokens;
        this.bootstrap = settings.bootstrapAdminToken().isEmpty()
                ? Optional.empty()
                : Optional.of(new InternalToken(settings.bootstrapAdminToken()));
        this.internal = new InternalToken(runway.internalToken());
    }

    /** The outcome of looking at a request's credentials. */
    public sealed interface Outcome {
        record Authenticated(Caller caller) implements Outcome {}

        record Missing() implements Outcome {}

        record Refused(String why) implements Outcome {}
    }

    /**
     * @param authorization the {@code Authorization} header
     * @param internalToken the {@code X-Runway-Internal-Token} header
     * @param onBehalfOf identity a platform service names when it calls with the internal token
     */
    public Outcome authenticate(String authorization, String internalToken, AuditContext onBehalfOf) {
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Outcome.Refused("the Authorization header must be 'Bearer <token>'");
            }
            return bearer(authorization.substring(7).strip());
        }
        if (internalToken != null) {
            if (!internal.matches(internalToken)) {
                return new Outcome.Refused("the internal token is wrong");
            }
            // The platform's services already hold the secret that every service API trusts; the front door
            // grants them no less than those APIs do.
            return new Outcome.Authenticated(
                    new Caller(onBehalfOf.actor().name(), onBehalfOf.actor().kind(), Set.of(Role.ADMIN), Set.of()));
        }
        return new Outcome.Missing();
    }

    /** A bearer token alone (the console's login form and the CLI use the same tokens). */
    public Outcome bearer(String secret) {
        if (bootstrap.isPresent() && bootstrap.get().matches(secret)) {
            return new Outcome.Authenticated(
                    new Caller(BOOTSTRAP_ADMIN, ActorKind.TOKEN, Set.of(Role.ADMIN), Set.of()));
        }
        var presented = tokens.present(secret);
        if (presented.isEmpty()) {
            return new Outcome.Refused("the token is not known");
        }
        var token = presented.get();
        if (token.revokedAt() != null) {
            return new Outcome.Refused("the token '" + token.name() + "' was revoked at " + token.revokedAt());
        }
        if (!token.expiresAt().isAfter(clock.instant())) {
            return new Outcome.Refused("the token '" + token.name() + "' expired at " + token.expiresAt());
        }
        return new Outcome.Authenticated(new Caller(token.name(), ActorKind.TOKEN, token.roles(), token.teams()));
    }
}
