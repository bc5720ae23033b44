package dev.runway.slo.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Runs one journey: the steps in order, stopping at the first that misses its expectation. */
final class JourneyRunner {
    static final String VERSION_PIN = "X-Runway-Version";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final String gatewayUrl;
    private final ProbeSecrets secrets;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JourneyRunner(String gatewayUrl, ProbeSecrets secrets) {
        this.gatewayUrl = gatewayUrl;
        this.secrets = secrets;
    }

    /** @param failedStep index of the step that failed, null on success */
    record Outcome(boolean success, Integer failedStep, String reason, long durationMs) {}

    Outcome run(ProbeSpec probe) {
        String base = probe.viaGateway() ? gatewayUrl : probe.baseUrl();
        long journeyStart = System.nanoTime();
        for (int i = 0; i < probe.steps().size(); i++) {
            ProbeSpec.Step step = probe.steps().get(i);
            String label = "step " + (i + 1) + (step.name() == null ? "" : " (" + step.name() + ")");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(base) + step.path()))
                    .timeout(STEP_TIMEOUT)
                    .method(
                            step.method() == null ? "GET" : step.method(),
                            step.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(step.body()));
            if (step.headers() != null) {
                for (var header : step.headers().entrySet()) {
                    switch (secrets.resolve(header.getValue())) {
                        case ProbeSecrets.Resolved.Value v -> request.header(header.getKey(), v.value());
                        case ProbeSecrets.Resolved.Missing missing -> {
                            // removed since the probe was saved: the run fails naming the secret, never a value
                            return new Outcome(
                                    false,
                                    i,
                                    label + ": secret " + missing.secret() + " is not configured ("
                                            + secrets.where(missing.secret()) + ")",
                                    millisSince(journeyStart));
                        }
                    }
                }
            }
            if (probe.version() != null) {
                request.header(VERSION_PIN, probe.version());
            }
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | IllegalArgumentException e) {
                return new Outcome(false, i, label + ": " + e, millisSince(journeyStart));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, i, label + ": interrupted", millisSince(journeyStart));
            }
            List<String> failures =
                    StepCheck.failures(step.expect(), response.statusCode(), response.body(), millisSince(start));
            if (!failures.isEmpty()) {
                return new Outcome(false, i, label + ": " + String.join("; ", failures), millisSince(journeyStart));
            }
        }
        return new Outcome(true, null, "all " + probe.steps().size() + " steps passed", millisSince(journeyStart));
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
