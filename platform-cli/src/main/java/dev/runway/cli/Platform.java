package dev.runway.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The running platform: its database and its six services, started in order and stopped as one. */
final class Platform implements AutoCloseable {
    private final LocalState state;
    private final Ports ports;
    private final Progress progress;
    private final ServiceProcesses processes;
    private final List<ServiceSpec> services;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private LocalDatabase database;
    private String internalToken;

    Platform(LocalState state, Ports ports, Progress progress) {
        this.state = state;
        this.ports = ports;
        this.progress = progress;
        this.processes = new ServiceProcesses(PlatformCli.projectRoot(), state);
        this.services = ServiceSpec.all(ports);
    }

    void start() throws IOException {
        long started = System.nanoTime();
        state.prepare();
        refuseIfRunning();
        for (ServiceSpec service : services) {
            ServiceProcesses.requireFreePort(service.port(), service.name());
            service.extraPorts().values().forEach(port -> ServiceProcesses.requireFreePort(port, service.name()));
        }
        prepareLaunchLayouts();
        database = LocalDatabase.open(state, ports, progress);
        internalToken = state.secret("internal-token");
        String adminToken = state.secret("admin-token");
        Map<String, String> shared = sharedEnvironment(adminToken);
        Map<ServiceSpec, Process> launched = new LinkedHashMap<>();
        for (ServiceSpec service : services) {
            launched.put(service, processes.start(service, database.settings(), shared));
        }
        recordRun();
        awaitAll(launched, started);
        progress.say("");
        progress.say("Runway is up in " + Progress.seconds(started) + ".");
        progress.say("  console and public API  " + "http://localhost:" + ports.of(Ports.API));
        progress.say("  traffic (gateway)       " + "http://localhost:" + ports.of(Ports.GATEWAY_TRAFFIC));
        progress.say("  admin token             " + adminToken + "  (also in " + state.adminTokenFile() + ")");
        progress.say("  GitHub webhook secret   " + state.root().resolve("webhook-secret")
                + "  (for /api/v1/webhooks/github)");
        progress.say("  logs                    " + state.logs());
    }

    private void awaitAll(Map<ServiceSpec, Process> launched, long started) {
        try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<ServiceSpec, Future<?>> waits = new HashMap<>();
            launched.forEach((service, process) -> waits.put(service, waiters.submit(() -> {
                processes.awaitHealthy(service, process, Duration.ofSeconds(240));
                progress.step(service.name(), "healthy after " + Progress.seconds(started) + "  " + service.baseUrl());
                return null;
            })));
            for (var wait : waits.values()) {
                try {
                    wait.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof CliException known) {
                        throw known;
                    }
                    throw new CliException("start-up failed: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException("interrupted while starting");
                }
            }
        }
    }

    /** Unpacks the service jars that changed since the last start, all at once rather than one by one. */
    private void prepareLaunchLayouts() {
        List<java.nio.file.Path> jars = services.stream()
                .map(service -> processes.jarOf(service.module()))
                .toList();
        long started = System.nanoTime();
        try (ExecutorService unpackers = Executors.newVirtualThreadPerTaskExecutor()) {
            jars.forEach(jar -> unpackers.submit(() -> LaunchLayout.prepare(jar)));
        }
        progress.step("service jars", "ready (" + Progress.seconds(started) + ")");
    }

    private Map<String, String> sharedEnvironment(String adminToken) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PLATFORM_INTERNAL_TOKEN", internalToken);
        env.put("PLATFORM_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        // A GitHub webhook works out of the box: its secret is generated like the tokens unless one is given.
        String webhookSecret = System.getenv("PLATFORM_GITHUB_WEBHOOK_SECRET");
        env.put(
                "PLATFORM_GITHUB_WEBHOOK_SECRET",
                webhookSecret == null || webhookSecret.isBlank() ? state.secret("webhook-secret") : webhookSecret);
        for (ServiceSpec service : services) {
            env.put(service.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL", service.baseUrl());
        }
        env.put("GATEWAY_TRAFFIC_URL", "http://localhost:" + ports.of(Ports.GATEWAY_TRAFFIC));
        return env;
    }

    private void refuseIfRunning() throws IOException {
        var run = new RunFile(state.runFile()).read();
        if (run.isPresent()) {
            long pid = Long.parseLong(run.get().getProperty("supervisor.pid", "-1"));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new CliException(
                        "the platform is already running (pid " + pid + "): ./platform status, ./platform down");
            }
        }
    }

    void recordRun() throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach(service -> urls.put(service.name(), service.baseUrl()));
        urls.put("gateway-traffic", "http://localhost:" + ports.of(Ports.GATEWAY_TRAFFIC));
        new RunFile(state.runFile()).write(ProcessHandle.current().pid(), processes.pids(), urls);
    }

    ServiceProcesses processes() {
        return processes;
    }

    String internalToken() {
        return internalToken;
    }

    Ports ports() {
        return ports;
    }

    /** Blocks until the process is asked to stop (Ctrl-C or ./platform down). */
    void awaitShutdown() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops everything once; true when this call did the stopping (later calls find nothing to do). */
    boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        close0();
        return true;
    }

    @Override
    public void close() {
        stop();
    }

    private void close0() {
        processes.stopAll();
        try {
            if (database != null) {
                database.close();
            }
            new RunFile(state.runFile()).delete();
        } catch (IOException e) {
            progress.say("platform: while stopping: " + e.getMessage());
        }
    }
}
