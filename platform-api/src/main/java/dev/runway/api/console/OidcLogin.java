package dev.runway.api.console;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Optional OIDC login. Off unless an OAuth2 client registration is configured; see the README for the
 * settings. Kept as a seam so that the console's security does not depend on whether it is on.
 */
@Component
class OidcLogin {
    void configure(HttpSecurity http) {
        // No OAuth2 client is on the class path in this build: local users and tokens only.
    }
}
