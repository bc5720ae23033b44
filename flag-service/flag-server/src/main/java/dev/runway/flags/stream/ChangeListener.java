package dev.runway.flags.stream;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's rulesets current: LISTENs for committed changes and reloads on each. A periodic
 * reload is the safety net for a notification lost while the connection was down (the reload is a no-op
 * when nothing changed); after a reconnect it reloads at once.
 */
@Component
class ChangeListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final DataSource dataSource;
    private final RulesetCache cache;
    private final Duration safetyNet;
    private volatile Thread thread;

    ChangeListener(
            DataSource dataSource,
            RulesetCache cache,
            @Value("${runway.flags.reload-safety-net:5s}") Duration safetyNet) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.safetyNet = safetyNet;
    }

    @Override
    public void start() {
        cache.reload();
        thread = Thread.ofPlatform().daemon().name("flag-change-listener").start(this::run);
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (thread != null) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ChangeLog.CHANNEL);
                }
                cache.reload();
                PGConnection pg = connection.unwrap(PGConnection.class);
                long nextSafetyNet = System.nanoTime() + safetyNet.toNanos();
                while (thread != null) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if ((notifications != null && notifications.length > 0) || System.nanoTime() > nextSafetyNet) {
                        cache.reload();
                        nextSafetyNet = System.nanoTime() + safetyNet.toNanos();
                    }
                }
            } catch (Exception failure) {
                if (thread == null) {
                    return;
                }
                log.warn("change listener lost its connection, retrying in 1 s: {}", failure.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
