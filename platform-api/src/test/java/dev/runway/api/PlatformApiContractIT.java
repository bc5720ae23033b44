package dev.runway.api;

import dev.runway.testkit.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformApiContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/teams";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"name\": \"payments\", \"displayName\": {\"nested\": 1}}";
    }

    @Override
    protected String wrongTypeField() {
        return "displayName";
    }

    @Override
    protected String serviceName() {
        return "platform-api";
    }
}
