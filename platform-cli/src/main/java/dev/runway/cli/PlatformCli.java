package dev.runway.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point a newcomer needs: {@code ./platform up|down|status|demo}. The shell script in the
 * project root finds a JDK, builds what is missing and hands over to this.
 */
@Command(
        name = "platform",
        mixinStandardHelpOptions = true,
        version = "Runway 0.1.0",
        description = "Runs the Runway progressive delivery platform locally.",
        subcommands = {
            UpCommand.class,
            DemoCommand.class,
            DownCommand.class,
            StatusCommand.class,
            DeployCommand.class,
            RolloutCommand.class,
            FlagCommand.class
        })
public final class PlatformCli {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the one-line error handling every verb shares. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PlatformCli());
        cli.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            if (failure instanceof CliException known) {
                commandLine.getErr().println("platform: " + known.getMessage());
                return known.exitCode();
            }
            failure.printStackTrace(commandLine.getErr());
            commandLine.getErr().println("platform: unexpected error: " + failure);
            return 1;
        });
        return cli;
    }

    static Path projectRoot() {
        String home = System.getenv("PLATFORM_HOME");
        return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    static LocalState localState() {
        String override = System.getenv("PLATFORM_STATE_DIR");
        return new LocalState(
                override == null || override.isBlank() ? projectRoot().resolve(".platform") : Path.of(override));
    }
}
