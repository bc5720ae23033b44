package dev.runway.cli;

import dev.runway.common.db.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the services as child JVMs, waits for their health, and stops them. */
final class ServiceProcesses {
    private final Path projectRoot;
    private final LocalState state;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Process> running = new LinkedHashMap<>();

    ServiceProcesses(Path projectRoot, LocalState state) {
        this.projectRoot = projectRoot;
        this.state = state;
    }

    Map<String, Process> running() {
        return running;
    }

    static void requireFreePort(int port, String what) {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw new CliException("port " + port + " (" + what + ") is in use: is the platform already running"
                    + " (./platform status)? Otherwise set PLATFORM_PORT_OFFSET to move all ports.");
        }
    }

    Path jarOf(String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new CliException("cannot read " + target + ": " + e.getMessage());
            }
        }
        throw new CliException("no runnable jar in " + target + ": build first (./platform build)");
    }

    Process start(ServiceSpec service, DatabaseSettings db, Map<String, String> shared) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        String options = System.getenv().getOrDefault("PLATFORM_JAVA_OPTS", service.jvmOptions());
        for (String option : options.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        LaunchLayout launch = LaunchLayout.prepare(jarOf(service.module()));
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.putAll(shared);
        env.put(DatabaseSettings.URL, db.url());
        env.put(DatabaseSettings.USER, db.user());
        env.put(DatabaseSettings.PASSWORD, db.password());
        env.put(service.portVariable(), String.valueOf(service.port()));
        service.extraPorts().forEach((name, port) -> env.put(name, String.valueOf(port)));
        builder.redirectErrorStream(true);
        builder.redirectOutput(state.log(service.name()).toFile());
        Process process = builder.start();
        running.put(service.name(), process);
        return process;
    }

    Process startProgram(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(state.log(name).toFile());
        Process process = builder.start();
        running.put(name, process);
        return process;
    }

    /** Polls health until UP; fails with the log's last lines when the process dies or time runs out. */
    void awaitHealthy(ServiceSpec service, Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CliException(service.name() + " exited with code " + process.exitValue() + ": "
                        + lastLines(state.log(service.name()), 1) + "  (full log: " + state.log(service.name()) + ")");
            }
            if (healthy(service.baseUrl())) {
                return;
            }
            sleep(250);
        }
        throw new CliException(service.name() + " was not healthy within " + timeout.toSeconds() + " s; see "
                + state.log(service.name()));
    }

    boolean healthy(String baseUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops every started process: SIGTERM to all at once, then SIGKILL for any still alive after 20 s. */
    void stopAll() {
        List<Process> processes = new ArrayList<>(running.values());
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        running.clear();
    }

    Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        running.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
