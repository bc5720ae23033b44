package dev.runway.api.intake;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a GitHub webhook delivery into what the platform should do: deploy a commit that reached the default
 * branch (a push to it, or a merged pull request into it), or nothing.
 */
final class GithubEvents {
    private GithubEvents() {}

    sealed interface Intent {
        record Deploy(String service, String sha, Instant commitTime, String repository, String reason)
                implements Intent {}

        record Ignore(String why) implements Intent {}
    }

    static Intent read(String event, JsonNode payload) {
        String defaultBranch = payload.path("repository").path("default_branch").asString("");
        String service = payload.path("repository").path("name").asString("");
        String repository = payload.path("repository").path("full_name").asString(service);
        String sender = payload.path("sender").path("login").asString("unknown");
        if (service.isEmpty() || defaultBranch.isEmpty()) {
            return new Intent.Ignore("the payload names no repository with a default branch");
        }
        return switch (event == null ? "" : event) {
            case "push" -> push(payload, service, repository, defaultBranch, sender);
            case "pull_request" -> pullRequest(payload, service, repository, defaultBranch, sender);
            case "ping" -> new Intent.Ignore("ping: the webhook is set up");
            default -> new Intent.Ignore("event '" + event + "' does not deploy anything");
        };
    }

    private static Intent push(JsonNode p, String service, String repository, String branch, String sender) {
        if (!("refs/heads/" + branch).equals(p.path("ref").asString())) {
            return new Intent.Ignore("a push to " + p.path("ref").asString() + ", not to " + branch);
        }
        if (p.path("deleted").asBoolean(false)) {
            return new Intent.Ignore("the push deleted the branch");
        }
        String sha = p.path("after").asString("");
        if (!sha.matches("[0-9a-f]{7,40}") || sha.matches("0+")) {
            return new Intent.Ignore("the push names no commit to deploy");
        }
        String message = firstLine(p.path("head_commit").path("message").asString(""));
        return new Intent.Deploy(
                service,
                sha,
                time(p.path("head_commit").path("timestamp").asString(null)),
                repository,
                "push to " + branch + " by " + sender + (message.isEmpty() ? "" : ": " + message));
    }

    private static Intent pullRequest(JsonNode p, String service, String repository, String branch, String sender) {
        JsonNode pr = p.path("pull_request");
        if (!"closed".equals(p.path("action").asString()) || !pr.path("merged").asBoolean(false)) {
            return new Intent.Ignore("a pull request event that is not a merge");
        }
        if (!branch.equals(pr.path("base").path("ref").asString())) {
            return new Intent.Ignore(
                    "a merge into " + pr.path("base").path("ref").asString() + ", not " + branch);
        }
        String sha = pr.path("merge_commit_sha").asString("");
        if (!sha.matches("[0-9a-f]{7,40}")) {
            return new Intent.Ignore("the merged pull request names no merge commit");
        }
        return new Intent.Deploy(
                service,
                sha,
                time(pr.path("merged_at").asString(null)),
                repository,
                "pull request #" + pr.path("number").asInt() + " merged by " + sender + ": "
                        + firstLine(pr.path("title").asString("")));
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int cut = text.indexOf('\n');
        return (cut < 0 ? text : text.substring(0, cut)).strip();
    }
}
