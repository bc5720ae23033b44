package dev.runway.openfeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Keeps a ruleset current from the flag service, on one background thread: follow the SSE stream; when it
 * fails or goes silent, fetch the ruleset once (ETag, so an unchanged ruleset costs a 304) and try the
 * stream again after a growing delay. While the stream is down the provider is therefore polling, and it
 * returns to streaming by itself as soon as the stream can be opened again.
 */
final class RulesetSync {
    /** What the sync reports; called on the sync thread. */
    interface Listener {
        /** A ruleset arrived (possibly the one already loaded). */
        void received(String json);

        /** The service answered: what the provider serves is current. */
        void reachable();

        /** Neither the stream nor a fetch worked: what the provider serves may be stale. */
        void unreachable(Exception cause);
    }

    private final RunwayProviderOptions options;
    private final Listener listener;
    private final HttpClient http;
    private volatile String revision;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile InputStream openStream;

    RulesetSync(RunwayProviderOptions options, Listener listener) {
        this.options = options;
        this.listener = listener;
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.initTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The revision last received; sent as If-None-Match and Last-Event-ID. */
    void revision(String current) {
        this.revision = current;
    }

    /** Fetches the ruleset once; {@code null} when it has not changed since {@link #revision}. */
    String fetch(Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                request("/sdk/v1/ruleset").timeout(timeout).GET();
        if (revision != null) {
            request.header("If-None-Match", "\"" + revision + "\"");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 304) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("ruleset fetch answered " + response.statusCode());
        }
        return response.body();
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("runway-flag-sync").start(this::run);
    }

    void stop() {
        running = false;
        closeStream();
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        http.shutdownNow();
    }

    private void run() {
        Duration delay = options.reconnectDelay();
        while (running) {
            try {
                if (follow()) {
                    delay = options.reconnectDelay();
                }
            } catch (IOException | RuntimeException streamFailed) {
                // fall through to a fetch: the fallback when the stream cannot be used
            } catch (InterruptedException stopped) {
                return;
            }
            if (!running) {
                return;
            }
            try {
                String json = fetch(options.initTimeout());
                if (json != null) {
                    listener.received(json);
                }
                listener.reachable();
            } catch (IOException | RuntimeException failed) {
                listener.unreachable(failed);
            } catch (InterruptedException stopped) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException stopped) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(options.maxReconnectDelay()) > 0
                    ? options.maxReconnectDelay()
                    : delay.multipliedBy(2);
        }
    }

    /** Follows the stream until it ends; true if it was open (so the next attempt need not back off). */
    private boolean follow() throws IOException, InterruptedException {
        HttpRequest.Builder request =
                request("/sdk/v1/stream").header("Accept", "text/event-stream").GET();
        if (revision != null) {
            request.header("Last-Event-ID", revision);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("stream answered " + response.statusCode());
        }
        listener.reachable();
        openStream = response.body();
        Watchdog watchdog = new Watchdog();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line; running && (line = lines.readLine()) != null; ) {
                watchdog.touch();
                if (line.isEmpty()) {
                    if ("ruleset".equals(event) && !data.isEmpty()) {
                        listener.received(data.toString());
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
        } finally {
            watchdog.stop();
            openStream = null;
        }
        return true;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .header("Authorization", "Bearer " + options.sdkKey());
    }

    private void closeStream() {
        InputStream stream = openStream;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    /** Closes a stream that has been silent too long: a half-open connection never ends by itself. */
    private final class Watchdog {
        private volatile long lastRead = System.nanoTime();
        private final Thread thread = Thread.ofVirtual().start(this::watch);

        void touch() {
            lastRead = System.nanoTime();
        }

        void stop() {
            thread.interrupt();
        }

        private void watch() {
            long limit = options.idleTimeout().toNanos();
            try {
                while (true) {
                    Thread.sleep(Math.max(10, options.idleTimeout().toMillis() / 4));
                    if (System.nanoTime() - lastRead > limit) {
                        closeStream();
                        return;
                    }
                }
            } catch (InterruptedException stopped) {
                // the stream ended first
            }
        }
    }
}
