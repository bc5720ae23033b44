package dev.runway.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = "Start a gated rollout of a new version through the public API (what CI does).")
final class DeployCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;

    @Option(names = "--service", required = true, description = "The registered service")
    String service;

    @Option(names = "--version", required = true, description = "The new version's name")
    String version;

    @Option(names = "--artifact", description = "The build: an image for Kubernetes services")
    String artifact;

    @Option(names = "--canary-url", description = "Where the new version answers (static services)")
    String canaryUrl;

    @Option(names = "--commit", required = true, description = "The commit's sha")
    String commit;

    @Option(names = "--commit-time", description = "When it was committed (ISO-8601), for lead time")
    String commitTime;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("version", version);
        body.put("artifact", artifact);
        body.put("canaryUrl", canaryUrl);
        body.put("commitSha", commit);
        body.put("commitTime", commitTime);
        var deployment = api.client().post("/api/v1/deployments", body);
        System.out.println("rollout " + deployment.path("rolloutId").asString() + " started for " + service + " "
                + version + ": " + deployment.path("rolloutUrl").asString());
        return 0;
    }
}
