package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong PLATFORM_DB_URL stops start-up with one clear line naming the setting and the cause, and a
 * non-zero exit code; both from the runner and from a service started on its own.
 */
class BadDatabaseSettingIT {
    @TempDir
    Path state;

    @Test
    void anUnreachableHostIsNamedInOneLine() throws Exception {
        var result = runCli(Map.of("PLATFORM_DB_URL", "jdbc:postgresql://no-such-host.invalid:5432/runway"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lastLine())
                .startsWith(
                        "platform: cannot reach PostgreSQL at PLATFORM_DB_URL=jdbc:postgresql://no-such-host.invalid")
                .contains("unknown host");
    }

    @Test
    void aClosedPortIsNamedInOneLine() throws Exception {
        var result = runCli(Map.of("PLATFORM_DB_URL", "jdbc:postgresql://127.0.0.1:1/runway"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lastLine())
                .contains("PLATFORM_DB_URL=jdbc:postgresql://127.0.0.1:1/runway", "connection refused");
    }

    @Test
    void aBadPasswordIsNamedInOneLine() throws Exception {
        TestDatabase db = TestDatabase.get();
        var result = runCli(Map.of(
                "PLATFORM_DB_URL",
                db.url(),
                "PLATFORM_DB_USER",
                db.user(),
                "PLATFORM_DB_PASSWORD",
                "not-the-password"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lastLine())
                .contains(
                        "password authentication failed",
                        "PLATFORM_DB_PASSWORD",
                        "PLATFORM_DB_USER='" + db.user() + "'");
    }

    @Test
    void aServiceStartedOnItsOwnSaysTheSameInOneLine() throws Exception {
        Path jar = new ServiceProcesses(Path.of("..").toAbsolutePath().normalize(), new LocalState(state))
                .jarOf("chaos-service");
        ProcessBuilder builder = new ProcessBuilder(ServiceProcesses.javaBinary(), "-jar", jar.toString());
        builder.environment().put("PLATFORM_DB_URL", "jdbc:postgresql://127.0.0.1:1/runway");
        builder.environment().put("PLATFORM_INTERNAL_TOKEN", "t");
        var result = Result.of(builder);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lastLine())
                .isEqualTo(
                        "chaos-service cannot start: cannot reach PostgreSQL at PLATFORM_DB_URL="
                                + "jdbc:postgresql://127.0.0.1:1/runway: connection refused (is PostgreSQL running and listening there?)");
    }

    private Result runCli(Map<String, String> env) throws Exception {
        ProcessBuilder builder = PlatformLifecycleIT.PlatformRun.cli(state, 2000, "up");
        builder.environment().putAll(env);
        return Result.of(builder);
    }

    record Result(int exitCode, List<String> lines) {
        static Result of(ProcessBuilder builder) throws Exception {
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(
                    process.exitValue(),
                    output.lines().filter(l -> !l.isBlank()).toList());
        }

        String lastLine() {
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }
}
