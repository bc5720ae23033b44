package dev.runway.api.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors. The API ({@code /api/**}) takes bearer tokens, checked by the front door's own filter against
 * the route table; it keeps no session, so there is nothing for CSRF to ride on. The console takes a login
 * form, keeps a session and requires the CSRF token on every form and htmx request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, OidcLogin oidc) throws Exception {
        http.authorizeHttpRequests(
                        requests -> requests.requestMatchers("/login", "/webjars/**", "/console.css", "/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/console", false)
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        oidc.configure(http);
        return http.build();
    }
}
