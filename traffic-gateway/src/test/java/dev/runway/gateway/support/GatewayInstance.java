package dev.runway.gateway.support;

import dev.runway.gateway.TrafficGatewayApplication;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A whole gateway started as an application (not a cached test context), so that a test can run several
 * replicas on one database, or point one at a database it stops and starts itself.
 */
public final class GatewayInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static GatewayInstance start(String jdbcUrl, String user, String password, String... extra) {
        String[] args = {
            "--server.port=0",
            "--runway.gateway.traffic-port=0",
            "--runway.gateway.traffic-host=127.0.0.1",
            "--spring.datasource.url=" + jdbcUrl,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--runway.internal-token=" + TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN,
            "--springdoc.api-docs.enabled=false"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return new GatewayInstance(new SpringApplicationBuilder(TrafficGatewayApplication.class)
                .initializers(GatewayInstance::ownNettyResources)
                .run(all));
    }

    /**
     * By default a context's Reactor Netty resources are the JVM-wide ones and closing the context disposes
     * them, which would cut the network of every other gateway in this test JVM: each instance gets its own.
     */
    private static void ownNettyResources(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    public int adminPort() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public int trafficPort() {
        return context.getBean(TrafficServer.class).port();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
