package dev.runway.gateway;

import dev.runway.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void domainCoreIsPlainJavaAndNoOtherServiceIsReachedInto() {
        ArchitectureRules.check("dev.runway.gateway");
    }
}
