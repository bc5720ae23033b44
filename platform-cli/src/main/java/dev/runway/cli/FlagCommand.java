package dev.runway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "flag",
        mixinStandardHelpOptions = true,
        description = "Act on feature flags.",
        subcommands = {FlagCommand.Kill.class})
final class FlagCommand {
    private FlagCommand() {}

    @Command(
            name = "kill",
            mixinStandardHelpOptions = true,
            description = "The kill switch: serve the off variant in every environment now, without approval.")
    static final class Kill implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Parameters(index = "0", description = "The flag's key")
        String key;

        @Override
        public Integer call() throws Exception {
            var flag = api.client().post("/api/v1/flags/" + key + "/kill", null);
            System.out.println(
                    "flag " + key + " killed (version " + flag.path("version").asString("?") + ")");
            return 0;
        }
    }
}
