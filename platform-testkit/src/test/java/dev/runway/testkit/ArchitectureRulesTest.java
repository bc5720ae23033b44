package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The architecture rules fail on the violations they exist for, and pass clean code. */
class ArchitectureRulesTest {
    @Test
    void aDomainCorePackageThatUsesJdbcFailsTheRule() {
        var classes = new ClassFileImporter().importPackages("dev.runway.testkit.archfixture.core");
        assertThatThrownBy(() -> ArchitectureRules.domainCoreIsPlainJava().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyRule")
                .hasMessageContaining("JdbcClient");
    }

    @Test
    void plainDomainCodePassesTheRule() {
        var classes = new ClassFileImporter().importClasses(dev.runway.testkit.archfixture.core.PlainRule.class);
        assertThatCode(() -> ArchitectureRules.domainCoreIsPlainJava().check(classes))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceThatCallsAnotherServicesCodeFailsTheRule() {
        var classes = new ClassFileImporter().importPackages("dev.runway.chaos");
        assertThatThrownBy(() -> ArchitectureRules.check(classes, "dev.runway.chaos"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesIntoGateway")
                .hasMessageContaining("dev.runway.gateway");
    }
}
