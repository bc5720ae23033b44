package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API verbs against a stand-in public API over real HTTP: what they send, and how refusals read. */
class ApiVerbsTest {
    record Call(String method, String path, String authorization, String reason, String body) {}

    HttpServer api;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile String rolloutState = "PROGRESSING";

    @BeforeEach
    void startStandIn() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Runway-Reason"),
                    body));
            int status = 200;
            String answer;
            if (path.equals("/api/v1/deployments")) {
                status = 201;
                answer = "{\"rolloutId\": \"r-7\", \"rolloutUrl\": \"/api/v1/rollouts/r-7\"}";
            } else if (path.startsWith("/api/v1/flags/")) {
                status = 403;
                answer = "{\"status\": 403, \"detail\": \"this needs the deployer role; bot has [viewer]\","
                        + " \"missingRole\": \"deployer\"}";
            } else {
                answer = "{\"id\": \"r-7\", \"service\": \"shop\", \"version\": \"v2\", \"state\": \"" + rolloutState
                        + "\", \"stepIndex\": 0, \"step\": \"bake PT5M\", \"reason\": \"baking\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private int run(StringWriter err, String... args) {
        var cli = PlatformCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api";
        all[args.length + 1] = "http://127.0.0.1:" + api.getAddress().getPort();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "rwy_test";
        return cli.execute(all);
    }

    @Test
    void deployPostsTheDeploymentWithTheToken() {
        int exit = run(
                new StringWriter(),
                "deploy",
                "--service",
                "shop",
                "--version",
                "v2",
                "--canary-url",
                "http://10.0.0.9:8080",
                "--commit",
                "abc1234",
                "--reason",
                "release 12");
        assertThat(exit).isZero();
        Call call = calls.getFirst();
        assertThat(call.method() + " " + call.path()).isEqualTo("POST /api/v1/deployments");
        assertThat(call.authorization()).isEqualTo("Bearer rwy_test");
        assertThat(call.reason()).isEqualTo("release 12");
        assertThat(call.body())
                .contains(
                        "\"service\":\"shop\"", "\"commitSha\":\"abc1234\"", "\"canaryUrl\":\"http://10.0.0.9:8080\"");
    }

    @Test
    void rollbackAbortsARunningRolloutAndRevertsAPromotedOneAndNeedsAReason() {
        assertThat(run(new StringWriter(), "rollout", "rollback", "r-7", "--reason", "errors up"))
                .isZero();
        assertThat(calls).extracting(Call::path).contains("/api/v1/rollouts/r-7/abort");
        rolloutState = "PROMOTED";
        assertThat(run(new StringWriter(), "rollout", "rollback", "r-7", "--reason", "totals wrong"))
                .isZero();
        assertThat(calls).extracting(Call::path).contains("/api/v1/rollouts/r-7/rollback");
        StringWriter err = new StringWriter();
        assertThat(run(err, "rollout", "rollback", "r-7")).isNotZero();
        assertThat(err.toString()).contains("--reason");
    }

    @Test
    void statusPromotePauseAndResumeCallTheirActions() {
        assertThat(run(new StringWriter(), "rollout", "status", "r-7")).isZero();
        assertThat(run(new StringWriter(), "rollout", "promote", "r-7")).isZero();
        assertThat(run(new StringWriter(), "rollout", "pause", "r-7")).isZero();
        assertThat(run(new StringWriter(), "rollout", "resume", "r-7")).isZero();
        assertThat(calls.stream().filter(c -> c.method().equals("POST")).map(Call::path))
                .containsExactly(
                        "/api/v1/rollouts/r-7/promote", "/api/v1/rollouts/r-7/pause", "/api/v1/rollouts/r-7/resume");
    }

    @Test
    void aRefusalIsOneLineWithTheProblemsDetail() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "flag", "kill", "new-checkout")).isEqualTo(1);
        assertThat(calls.getFirst().path()).isEqualTo("/api/v1/flags/new-checkout/kill");
        assertThat(err.toString().strip()).isEqualTo("platform: 403: this needs the deployer role; bot has [viewer]");
    }
}
