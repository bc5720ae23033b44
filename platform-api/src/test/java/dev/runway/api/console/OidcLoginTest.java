package dev.runway.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class OidcLoginTest {
    static final OidcLogin.Settings DEFAULTS = new OidcLogin.Settings(null, null, null);

    static List<String> of(Map<String, Object> claims) {
        return OidcLogin.authorities(claims, DEFAULTS).stream()
                .map(GrantedAuthority::getAuthority)
                .sorted()
                .toList();
    }

    @Test
    void prefixedGroupsBecomeRolesAndTeamsComeFromTheirClaim() {
        assertThat(of(Map.of("groups", List.of("runway-sre", "Runway-Deployer", "staff"), "teams", List.of("shop"))))
                .containsExactly("ROLE_DEPLOYER", "ROLE_SRE", "TEAM_shop");
    }

    @Test
    void someoneWithoutARoleClaimIsAViewerAndUnknownRolesGrantNothing() {
        assertThat(of(Map.of())).containsExactly("ROLE_VIEWER");
        assertThat(of(Map.of("groups", List.of("runway-wizard", "sre")))).containsExactly("ROLE_VIEWER");
        assertThat(of(Map.of("groups", "runway-admin runway-viewer"))).containsExactly("ROLE_ADMIN", "ROLE_VIEWER");
    }
}
