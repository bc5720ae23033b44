package dev.runway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the public API is and which token to call it with, shared by the API verbs: {@code --api}, else
 * {@code RUNWAY_API_URL}, else the running platform's own URL, else localhost:8080; {@code --token}, else
 * {@code RUNWAY_TOKEN}, else the local admin token {@code ./platform up} wrote to {@code .platform/admin-token}.
 */
final class ApiOptions {
    @Option(
            names = "--api",
            description = "Base URL of the public API (default: RUNWAY_API_URL or the running platform)")
    String api;

    @Option(names = "--token", description = "API token (default: RUNWAY_TOKEN, else .platform/admin-token)")
    String token;

    @Option(names = "--reason", description = "Why: recorded in the audit log with your name")
    String reason;

    PublicApi client() throws IOException {
        return new PublicApi(baseUrl(), token(), reason == null ? "" : reason);
    }

    private String baseUrl() throws IOException {
        if (api != null && !api.isBlank()) {
            return api;
        }
        String env = System.getenv("RUNWAY_API_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        var run = new RunFile(PlatformCli.localState().runFile()).read();
        return run.map((Properties p) -> p.getProperty("url.platform-api")).orElse("http://localhost:8080");
    }

    private String token() throws IOException {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String env = System.getenv("RUNWAY_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        var file = PlatformCli.localState().adminTokenFile();
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        throw new CliException(
                "no token: pass --token, set RUNWAY_TOKEN, or run ./platform up (it writes " + file + ")");
    }
}
