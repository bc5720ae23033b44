package dev.runway.api.identity;

import dev.runway.common.actor.ActorKind;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Console login: local users, plus the user {@code admin} whose password is the bootstrap admin token until
 * someone creates a real user of that name (so that a fresh install can be entered at all).
 */
@Component
public class ConsoleUsers implements UserDetailsService {
    public static final String BOOTSTRAP_USER = "admin";

    private final UserStore users;
    private final String bootstrapHash;

    ConsoleUsers(UserStore users, IdentitySettings settings, PasswordEncoder passwords) {
        this.users = users;
        this.bootstrapHash =
                settings.bootstrapAdminToken().isEmpty() ? null : passwords.encode(settings.bootstrapAdminToken());
    }

    /** A logged-in console user: Spring Security's user plus the teams the person deploys for. */
    static final class ConsoleUser extends User {
        private final Set<Role> roles;
        private final Set<String> teams;

        ConsoleUser(String name, String hash, boolean enabled, Set<Role> roles, Set<String> teams) {
            super(name, hash, enabled, true, true, true, authorities(roles));
            this.roles = Set.copyOf(roles);
            this.teams = Set.copyOf(teams);
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var found = users.credentials(username);
        if (found.isPresent()) {
            var user = found.get();
            return new ConsoleUser(user.name(), user.passwordHash(), !user.disabled(), user.roles(), user.teams());
        }
        if (BOOTSTRAP_USER.equals(username) && bootstrapHash != null) {
            return new ConsoleUser(BOOTSTRAP_USER, bootstrapHash, true, Set.of(Role.ADMIN), Set.of());
        }
        throw new UsernameNotFoundException("no such user");
    }

    /** The caller behind a console session. */
    public static Caller callerOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof ConsoleUser user) {
            return new Caller(user.getUsername(), ActorKind.USER, user.roles, user.teams);
        }
        // An OIDC login: roles come from the authorities the login mapped.
        Set<Role> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> Role.parse("role", a.substring(5)))
                .collect(Collectors.toSet());
        return new Caller(
                authentication.getName(), ActorKind.USER, roles.isEmpty() ? Set.of(Role.VIEWER) : roles, Set.of());
    }

    private static Collection<GrantedAuthority> authorities(Set<Role> roles) {
        List<GrantedAuthority> list = roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return list;
    }
}
