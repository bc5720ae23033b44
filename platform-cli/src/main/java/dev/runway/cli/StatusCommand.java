package dev.runway.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show which services are running and healthy.")
final class StatusCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        LocalState state = PlatformCli.localState();
        var run = new RunFile(state.runFile()).read();
        if (run.isEmpty()) {
            System.out.println("Runway is not running (./platform up starts it).");
            return 3;
        }
        ServiceProcesses probe = new ServiceProcesses(PlatformCli.projectRoot(), state);
        Map<String, String> urls = RunFile.withPrefix(run.get(), "url.");
        Map<String, String> pids = RunFile.withPrefix(run.get(), "pid.");
        int unhealthy = 0;
        for (var entry : urls.entrySet()) {
            if (entry.getKey().equals("gateway-traffic")) {
                continue;
            }
            boolean healthy = probe.healthy(entry.getValue());
            unhealthy += healthy ? 0 : 1;
            System.out.printf(
                    "  %-20s %-9s pid %-8s %s%n",
                    entry.getKey(),
                    healthy ? "healthy" : "DOWN",
                    pids.getOrDefault(entry.getKey(), "?"),
                    entry.getValue());
        }
        System.out.printf("  %-20s %s%n", "traffic", urls.get("gateway-traffic"));
        return unhealthy == 0 ? 0 : 1;
    }
}
