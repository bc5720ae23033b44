package dev.runway.common.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditContextTest {

    @Test
    void rolesForwardedByTheFrontDoorAreReadCaseInsensitivelyAndPassedOnward() {
        // given the headers the front door sets for an authenticated SRE
        AuditContext context = AuditContext.fromHeaders("ana", "USER", "budget review", " SRE, deployer ,,");

        // then the roles are normalised and usable for checks
        assertThat(context.roles()).containsExactlyInAnyOrder("sre", "deployer");
        assertThat(context.hasRole("sre")).isTrue();
        assertThat(context.hasRole("admin")).isFalse();

        // and an onward call carries them unchanged
        Map<String, String> headers = new LinkedHashMap<>();
        context.writeHeaders(headers::put);
        assertThat(headers).containsEntry(RunwayHeaders.ACTOR_ROLES, "deployer,sre");
    }

    @Test
    void anAdminHoldsEveryRoleAndACallerWithoutRolesHoldsNone() {
        assertThat(AuditContext.fromHeaders("root", "USER", "", "admin").hasRole("sre"))
                .isTrue();
        AuditContext service = AuditContext.fromHeaders("slo-engine", "SERVICE", "page alert");
        assertThat(service.roles()).isEmpty();
        assertThat(service.hasRole("deployer")).isFalse();
        Map<String, String> headers = new LinkedHashMap<>();
        service.writeHeaders(headers::put);
        assertThat(headers).doesNotContainKey(RunwayHeaders.ACTOR_ROLES);
    }
}
