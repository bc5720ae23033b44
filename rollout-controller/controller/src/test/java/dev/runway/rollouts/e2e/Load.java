package dev.runway.rollouts.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Steady user traffic through the gateway: a few virtual threads, each request as a new anonymous user. */
final class Load implements AutoCloseable {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;

    /** About {@code perSecond} requests a second to {@code url} (each worker paces itself). */
    static Load start(String url, int perSecond) {
        Load load = new Load();
        int workers = 4;
        long pauseMillis = Math.max(1, 1000L * workers / perSecond);
        for (int i = 0; i < workers; i++) {
            load.threads.add(Thread.ofVirtual().start(() -> load.loop(url, pauseMillis)));
        }
        return load;
    }

    private void loop(String url, long pauseMillis) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (running) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                sent.incrementAndGet();
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a failed request is part of the traffic; keep going
            }
        }
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
