package dev.runway.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlagServiceContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/environments";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"key\": \"canary-lab\", \"requiresApproval\": \"sometimes\"}";
    }

    @Override
    protected String wrongTypeField() {
        return "requiresApproval";
    }

    @Override
    protected String serviceName() {
        return "flag-service";
    }

    @Test
    void productionAndStagingExistFromTheStartAndProductionRequiresApproval() {
        String body = client.get("/api/v1/environments/production").body();
        assertThat(body).contains("\"requiresApproval\":true");
        assertThat(client.get("/api/v1/environments/staging").status()).isEqualTo(200);
    }
}
