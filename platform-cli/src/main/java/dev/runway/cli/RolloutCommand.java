package dev.runway.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        description = "Look at and steer a rollout.",
        subcommands = {
            RolloutCommand.Status.class,
            RolloutCommand.Promote.class,
            RolloutCommand.Pause.class,
            RolloutCommand.Resume.class,
            RolloutCommand.Rollback.class
        })
final class RolloutCommand {
    private RolloutCommand() {}

    static void print(JsonNode rollout) {
        System.out.printf(
                "%s  %s %s  %s  step %d: %s%n  %s%n",
                rollout.path("id").asString(),
                rollout.path("service").asString(),
                rollout.path("version").asString(),
                rollout.path("state").asString(),
                rollout.path("stepIndex").asInt() + 1,
                rollout.path("step").asString("-"),
                rollout.path("reason").asString(""));
    }

    /** promote, pause and resume: the verb is the controller's action. */
    abstract static class Act implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Parameters(index = "0", description = "The rollout's id")
        String id;

        abstract String action(JsonNode current);

        @Override
        public Integer call() throws Exception {
            var client = api.client();
            JsonNode current = client.get("/api/v1/rollouts/" + id);
            String reason = api.reason == null ? "" : api.reason;
            print(client.post("/api/v1/rollouts/" + id + "/" + action(current), Map.of("reason", reason)));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a rollout's state and reason.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ApiOptions api;

        @Parameters(index = "0", description = "The rollout's id")
        String id;

        @Override
        public Integer call() throws Exception {
            print(api.client().get("/api/v1/rollouts/" + id));
            return 0;
        }
    }

    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = "Promote now, skipping the remaining steps.")
    static final class Promote extends Act {
        @Override
        String action(JsonNode current) {
            return "promote";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Hold the rollout where it is.")
    static final class Pause extends Act {
        @Override
        String action(JsonNode current) {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a paused rollout.")
    static final class Resume extends Act {
        @Override
        String action(JsonNode current) {
            return "resume";
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Take the new version out of traffic: aborts a running rollout, reverts a promoted one."
                    + " Needs --reason; needs nobody's approval.")
    static final class Rollback extends Act {
        @Override
        String action(JsonNode current) {
            if (api.reason == null || api.reason.isBlank()) {
                throw new CliException("say why with --reason: it goes into the rollout and the audit log");
            }
            return "PROMOTED".equals(current.path("state").asString()) ? "rollback" : "abort";
        }
    }
}
