package dev.runway.flags.stream;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open SSE streams of this replica. A new snapshot is pushed to every stream, each send on its own
 * virtual thread so that one slow client never delays the others; a comment every 15 s keeps proxies from
 * closing idle streams and finds dead clients.
 */
@Component
class Subscribers implements DisposableBean {
    private final RulesetCache cache;
    private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    Subscribers(RulesetCache cache) {
        this.cache = cache;
        cache.subscribe(this::publish);
        heartbeat.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    SseEmitter add(String environment, String lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(environment, emitter);
        emitter.onCompletion(() -> open.remove(subscriber));
        emitter.onTimeout(() -> open.remove(subscriber));
        emitter.onError(failure -> open.remove(subscriber));
        open.add(subscriber);
        RulesetCache.Snapshot snapshot = cache.current();
        if (!Long.toString(snapshot.revision()).equals(lastEventId)) {
            subscriber.send(snapshot);
        }
        return emitter;
    }

    int count() {
        return open.size();
    }

    private void publish(RulesetCache.Snapshot snapshot) {
        for (Subscriber subscriber : open) {
            senders.execute(() -> subscriber.send(snapshot));
        }
    }

    private void ping() {
        for (Subscriber subscriber : open) {
            senders.execute(subscriber::ping);
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        open.forEach(subscriber -> subscriber.emitter().complete());
        senders.shutdownNow();
    }

    /** One stream; sends are serialised and never go back to an older revision than one already sent. */
    private static final class Subscriber {
        private final String environment;
        private final SseEmitter emitter;
        private long sent = -1;

        Subscriber(String environment, SseEmitter emitter) {
            this.environment = environment;
            this.emitter = emitter;
        }

        SseEmitter emitter() {
            return emitter;
        }

        void send(RulesetCache.Snapshot snapshot) {
            RulesetCache.Live live = snapshot.environment(environment);
            if (live == null) {
                return;
            }
            synchronized (this) {
                if (snapshot.revision() <= sent) {
                    return;
                }
                sent = snapshot.revision();
                try {
                    emitter.send(SseEmitter.event()
                            .id(Long.toString(snapshot.revision()))
                            .name("ruleset")
                            .data(live.json(), org.springframework.http.MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException gone) {
                    emitter.completeWithError(gone);
                }
            }
        }

        void ping() {
            synchronized (this) {
                try {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                } catch (IOException | IllegalStateException gone) {
                    emitter.completeWithError(gone);
                }
            }
        }
    }
}
