package dev.runway.gateway.archfixture;

/** Stands for another service's code. */
public class GatewayInternals {
    public static int weight() {
        return 0;
    }
}
