package dev.runway.cli;

import java.util.List;
import java.util.Map;

/** One of the platform's services as the runner starts it: where its jar is and which ports it takes. */
record ServiceSpec(String name, String module, int port, Map<String, Integer> extraPorts, String jvmOptions) {
    /** Control-plane services start faster with the client compiler alone and need no peak throughput. */
    static final String CONTROL_PLANE_JVM =
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms24m -Xmx160m -XX:MaxMetaspaceSize=160m"
                    + " -XX:ReservedCodeCacheSize=48m";
    /** The gateway sits on the request path: full JIT for throughput. */
    static final String DATA_PLANE_JVM =
            "-XX:+UseSerialGC -Xss512k -Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m";

    static List<ServiceSpec> all(Ports ports) {
        return List.of(
                new ServiceSpec("platform-api", "platform-api", ports.of(Ports.API), Map.of(), CONTROL_PLANE_JVM),
                new ServiceSpec(
                        "flag-service", "flag-service/flag-server", ports.of(Ports.FLAGS), Map.of(), CONTROL_PLANE_JVM),
                new ServiceSpec(
                        "rollout-controller",
                        "rollout-controller/controller",
                        ports.of(Ports.ROLLOUTS),
                        Map.of(),
                        CONTROL_PLANE_JVM),
                new ServiceSpec("slo-engine", "slo-engine", ports.of(Ports.SLO), Map.of(), CONTROL_PLANE_JVM),
                new ServiceSpec("chaos-service", "chaos-service", ports.of(Ports.CHAOS), Map.of(), CONTROL_PLANE_JVM),
                new ServiceSpec(
                        "traffic-gateway",
                        "traffic-gateway",
                        ports.of(Ports.GATEWAY_ADMIN),
                        Map.of("GATEWAY_TRAFFIC_PORT", ports.of(Ports.GATEWAY_TRAFFIC)),
                        DATA_PLANE_JVM));
    }

    /** The environment variable each service reads its HTTP port from (see its application.yaml). */
    String portVariable() {
        return switch (name) {
            case "platform-api" -> "PLATFORM_API_PORT";
            case "flag-service" -> "FLAG_SERVICE_PORT";
            case "rollout-controller" -> "ROLLOUT_CONTROLLER_PORT";
            case "slo-engine" -> "SLO_ENGINE_PORT";
            case "chaos-service" -> "CHAOS_SERVICE_PORT";
            case "traffic-gateway" -> "GATEWAY_ADMIN_PORT";
            default -> throw new IllegalStateException("unknown service " + name);
        };
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
