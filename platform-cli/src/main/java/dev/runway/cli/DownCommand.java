package dev.runway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop everything ./platform up started.")
final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        LocalState state = PlatformCli.localState();
        RunFile runFile = new RunFile(state.runFile());
        Optional<Properties> run = runFile.read();
        List<ProcessHandle> targets = new ArrayList<>();
        run.ifPresent(props -> {
            pid(props.getProperty("supervisor.pid")).ifPresent(targets::add);
            RunFile.withPrefix(props, "pid.").values().forEach(pid -> pid(pid).ifPresent(targets::add));
        });
        // The database outlives a runner killed with SIGKILL; its own pid file finds it.
        postmaster(state.databaseFiles()).ifPresent(targets::add);
        List<ProcessHandle> alive =
                targets.stream().filter(ProcessHandle::isAlive).toList();
        if (alive.isEmpty()) {
            runFile.delete();
            System.out.println("Runway is not running.");
            return 0;
        }
        // The supervisor first: it stops its children and the database in order.
        alive.getFirst().destroy();
        awaitExit(alive.getFirst(), 40);
        for (ProcessHandle process : alive) {
            if (process.isAlive()) {
                process.destroy();
                awaitExit(process, 15);
                if (process.isAlive()) {
                    process.destroyForcibly();
                    awaitExit(process, 5);
                }
            }
        }
        long left = alive.stream().filter(ProcessHandle::isAlive).count();
        runFile.delete();
        if (left > 0) {
            throw new CliException(left + " process(es) would not stop: " + alive);
        }
        System.out.println("Runway stopped (" + alive.size() + " processes).");
        return 0;
    }

    private static Optional<ProcessHandle> pid(String value) {
        try {
            return value == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : pid(lines.getFirst());
    }

    private static void awaitExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            // checked by the caller
        }
    }
}
