package dev.runway.testkit;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context of a service at the JVM's test database and gives it the test internal
 * token, so that an integration test needs no set-up of its own to run against real PostgreSQL.
 */
public final class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {
    /** The internal token test contexts run with; {@link ServiceClient} sends it. */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase db = TestDatabase.get();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "runway-test-database",
                            Map.of(
                                    "spring.datasource.url", db.url(),
                                    "spring.datasource.username", db.user(),
                                    "spring.datasource.password", db.password(),
                                    "runway.internal-token", INTERNAL_TOKEN)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
