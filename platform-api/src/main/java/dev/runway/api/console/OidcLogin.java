package dev.runway.api.console;

import dev.runway.api.identity.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.stereotype.Component;

/**
 * Optional OIDC login for the console. Off by default: Spring Boot creates a client registration repository
 * only when {@code spring.security.oauth2.client.registration.<id>.*} is configured, and only then is the
 * login offered. The identity provider's claims carry the roles ({@code groups} by default, values such as
 * {@code runway-sre}) and the teams ({@code teams}); someone with no role claim is a viewer.
 */
@Component
class OidcLogin {
    /** Claim names and the prefix of role values ({@code runway.api.oidc.*}). */
    @ConfigurationProperties("runway.api.oidc")
    record Settings(String rolesClaim, String rolePrefix, String teamsClaim) {
        Settings {
            rolesClaim = rolesClaim == null ? "groups" : rolesClaim;
            rolePrefix = rolePrefix == null ? "runway-" : rolePrefix;
            teamsClaim = teamsClaim == null ? "teams" : teamsClaim;
        }
    }

    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final Settings settings;

    OidcLogin(ObjectProvider<ClientRegistrationRepository> registrations, Settings settings) {
        this.registrations = registrations;
        this.settings = settings;
    }

    void configure(HttpSecurity http) throws Exception {
        if (registrations.getIfAvailable() == null) {
            return;
        }
        OidcUserService users = new OidcUserService();
        http.oauth2Login(login -> login.loginPage("/login")
                .defaultSuccessUrl("/console", false)
                .userInfoEndpoint(info -> info.oidcUserService(request -> {
                    var user = users.loadUser(request);
                    String nameKey = user.getClaims().containsKey("preferred_username") ? "preferred_username" : "sub";
                    return new DefaultOidcUser(
                            authorities(user.getClaims(), settings), user.getIdToken(), user.getUserInfo(), nameKey);
                })));
    }

    /** The configured providers, for the login page's buttons: registration id to display name. */
    List<Map<String, String>> providers() {
        List<Map<String, String>> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(Map.of("id", client.getRegistrationId(), "name", client.getClientName()));
            }
        }
        return providers;
    }

    /** Roles as {@code ROLE_<ROLE>}, teams as {@code TEAM_<team>}: what the console's caller is built from. */
    static Set<GrantedAuthority> authorities(Map<String, Object> claims, Settings settings) {
        Set<GrantedAuthority> authorities = new HashSet<>();
        for (String value : strings(claims.get(settings.rolesClaim()))) {
            String name = value.toLowerCase(Locale.ROOT);
            if (name.startsWith(settings.rolePrefix())) {
                String role = name.substring(settings.rolePrefix().length());
                for (Role known : Role.values()) {
                    if (known.key().equals(role)) {
                        authorities.add(new SimpleGrantedAuthority("ROLE_" + known.name()));
                    }
                }
            }
        }
        if (authorities.isEmpty()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_VIEWER"));
        }
        for (String team : strings(claims.get(settings.teamsClaim()))) {
            authorities.add(new SimpleGrantedAuthority("TEAM_" + team));
        }
        return authorities;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of();
    }
}
