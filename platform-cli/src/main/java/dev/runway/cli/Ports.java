package dev.runway.cli;

/**
 * The platform's ports. {@code PLATFORM_PORT_OFFSET} shifts all of them, so a second copy (a test, a demo
 * beside a running platform) never collides with the first.
 */
record Ports(int offset) {
    static final int API = 8080;
    static final int FLAGS = 8081;
    static final int ROLLOUTS = 8082;
    static final int SLO = 8083;
    static final int CHAOS = 8084;
    static final int GATEWAY_TRAFFIC = 8000;
    static final int GATEWAY_ADMIN = 8086;
    static final int DATABASE = 54329;
    static final int DEMO_STABLE = 9001;
    static final int DEMO_CANARY = 9002;

    static Ports fromEnvironment() {
        String offset = System.getenv("PLATFORM_PORT_OFFSET");
        try {
            return new Ports(offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.strip()));
        } catch (NumberFormatException e) {
            throw new CliException("PLATFORM_PORT_OFFSET must be a whole number, got '" + offset + "'");
        }
    }

    int of(int base) {
        return base + offset;
    }
}
