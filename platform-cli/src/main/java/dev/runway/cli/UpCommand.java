package dev.runway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start the database and the six services, wait until all are healthy, run until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        progress.say("Starting Runway (Ctrl-C stops everything)");
        Platform platform = new Platform(PlatformCli.localState(), Ports.fromEnvironment(), progress);
        Supervision.stopOnExit(platform, progress);
        Supervision.start(platform);
        platform.awaitShutdown();
        return 0;
    }
}
