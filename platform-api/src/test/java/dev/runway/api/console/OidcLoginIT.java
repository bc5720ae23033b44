package dev.runway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With an OIDC client configured, the login page offers it and sends the browser to the identity provider
 * (which is never contacted here: the endpoints are given, so no discovery happens at start-up).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.corp.client-id=runway",
            "spring.security.oauth2.client.registration.corp.client-secret=s3cret",
            "spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
            "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
            "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
            "spring.security.oauth2.client.registration.corp.scope=openid,profile",
            "spring.security.oauth2.client.provider.corp.authorization-uri=http://idp.invalid/authorize",
            "spring.security.oauth2.client.provider.corp.token-uri=http://idp.invalid/token",
            "spring.security.oauth2.client.provider.corp.jwk-set-uri=http://idp.invalid/jwks",
            "spring.security.oauth2.client.provider.corp.user-name-attribute=sub"
        })
class OidcLoginIT {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLoginPageOffersTheProviderAndItsLinkRedirectsToTheIdentityProvider() throws Exception {
        var login = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("Log in with Corp SSO", "/oauth2/authorization/corp");
        var start = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/corp"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow())
                .startsWith("http://idp.invalid/authorize?")
                .contains("client_id=runway", "scope=openid%20profile");
    }
}
