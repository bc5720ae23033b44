package dev.runway.gateway;

import dev.runway.testkit.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class TrafficGatewayContractIT extends ServiceContract {
    @Override
    protected String sampleEndpoint() {
        return "/api/v1/routes";
    }

    @Override
    protected String bodyWithWrongType() {
        return "{\"id\": \"pricing\", \"pathPrefix\": \"/api\", \"stable\": [\"http://localhost:1\"], \"canaryWeight\": \"half\"}";
    }

    @Override
    protected String wrongTypeField() {
        return "canaryWeight";
    }

    @Override
    protected String serviceName() {
        return "traffic-gateway";
    }
}
