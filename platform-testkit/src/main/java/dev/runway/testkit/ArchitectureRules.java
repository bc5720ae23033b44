package dev.runway.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.runway.common.arch.DomainCore;
import java.util.List;

/**
 * The architecture as tests: domain core stays plain Java, and no service reaches into another's code.
 * Each service calls {@link #check(String)} from an {@code ArchitectureTest}.
 */
public final class ArchitectureRules {
    /** Every service's root package; a service may depend on its own and on the shared library only. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "dev.runway.api",
            "dev.runway.flags",
            "dev.runway.rollouts",
            "dev.runway.slo",
            "dev.runway.chaos",
            "dev.runway.gateway",
            "dev.runway.cli");

    private static final String[] EDGE_PACKAGES = {
        "org.springframework..",
        "jakarta.servlet..",
        "jakarta.persistence..",
        "java.sql..",
        "javax.sql..",
        "java.net.http..",
        "org.postgresql..",
        "reactor.netty..",
        "io.netty..",
        "io.fabric8.."
    };

    private ArchitectureRules() {}

    public static void check(String servicePackage) {
        check(
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(servicePackage),
                servicePackage);
    }

    public static void check(JavaClasses classes, String servicePackage) {
        domainCoreIsPlainJava().check(classes);
        doesNotDependOnOtherServices(servicePackage).check(classes);
    }

    public static ArchRule domainCoreIsPlainJava() {
        return noClasses()
                .that(inDomainCore())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EDGE_PACKAGES)
                .allowEmptyShould(true)
                .because("domain core (packages marked @DomainCore) decides in plain Java; Spring, JDBC and"
                        + " HTTP live at the edges");
    }

    public static ArchRule doesNotDependOnOtherServices(String servicePackage) {
        String[] others = SERVICE_PACKAGES.stream()
                .filter(p -> !p.equals(servicePackage))
                .map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(servicePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk over their REST APIs, never through each other's code");
    }

    private static DescribedPredicate<JavaClass> inDomainCore() {
        return DescribedPredicate.describe(
                "are in a package marked @DomainCore",
                javaClass -> javaClass.getPackage().isAnnotatedWith(DomainCore.class));
    }
}
