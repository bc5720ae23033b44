package dev.runway.gateway.sync;

import com.zaxxer.hikari.HikariDataSource;
import dev.runway.gateway.fault.FaultBook;
import dev.runway.gateway.route.RouteLoader;
import dev.runway.gateway.route.TrafficChanges;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows committed changes to routes and faults through PostgreSQL LISTEN/NOTIFY on one dedicated
 * connection (outside the pool, so it neither holds a pool slot nor gets retired by it), on its own thread:
 * table reloads never run on the event loop.
 *
 * <p>On every (re)connection it LISTENs first and then reads everything, so no change committed while it was
 * away is missed. When PostgreSQL cannot be reached the gateway fails static: it keeps routing with the last
 * good table, reports STATIC in its health details, and retries with a capped back-off until the stream
 * resumes.
 */
@Component
class ChangeStream implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);
    private static final Duration FIRST_LOAD_WAIT = Duration.ofSeconds(15);

    private final RouteLoader routes;
    private final FaultBook faults;
    private final SyncState state;
    private final DataSource dataSource;
    private final Duration pollTimeout;
    private final Duration maxBackoff;
    private final Duration keepAlive;
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    ChangeStream(
            RouteLoader routes,
            FaultBook faults,
            SyncState state,
            DataSource dataSource,
            @Value("${runway.gateway.sync.poll-timeout:PT0.25S}") Duration pollTimeout,
            @Value("${runway.gateway.sync.max-backoff:PT5S}") Duration maxBackoff,
            @Value("${runway.gateway.sync.keep-alive:PT5S}") Duration keepAlive) {
        this.routes = routes;
        this.faults = faults;
        this.state = state;
        this.dataSource = dataSource;
        this.pollTimeout = pollTimeout;
        this.maxBackoff = maxBackoff;
        this.keepAlive = keepAlive;
    }

    /** Before the traffic port opens, so that the first request already sees the stored routes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("traffic-change-stream").daemon().start(this::run);
        try {
            if (!firstLoad.await(FIRST_LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("routes not loaded after {}; traffic starts with an empty table", FIRST_LOAD_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            closeQuietly(connection);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                listen(c);
                backoffMs = 100;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                boolean wasLive = state.snapshot().mode() != SyncState.Mode.STATIC;
                state.lost(e.getMessage());
                firstLoad.countDown();
                if (wasLive) {
                    log.warn("change stream lost ({}); serving the last good table until it returns", e.getMessage());
                } else {
                    log.debug("change stream still unavailable ({}); next try in {} ms", e.getMessage(), backoffMs);
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
            } finally {
                connection = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("LISTEN " + TrafficChanges.CHANNEL);
        }
        int routeCount = routes.reloadAll();
        int faultCount = faults.reload();
        state.live();
        firstLoad.countDown();
        log.info("change stream live: {} routes, {} faults loaded", routeCount, faultCount);
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notices = pg.getNotifications((int) pollTimeout.toMillis());
            if (notices != null && notices.length > 0) {
                apply(notices);
            }
            if (System.nanoTime() - lastCheck > keepAlive.toNanos()) {
                // A dead peer that never closed the socket would leave getNotifications waiting forever.
                try (Statement statement = c.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** Applies a batch of notices: each route once, the faults once, however many notices named them. */
    private void apply(PGNotification[] notices) {
        Set<String> payloads = new LinkedHashSet<>();
        for (PGNotification notice : notices) {
            payloads.add(notice.getParameter());
        }
        if (payloads.contains(TrafficChanges.ALL)) {
            routes.reloadAll();
            faults.reload();
        } else {
            for (String payload : payloads) {
                if (payload.startsWith(TrafficChanges.ROUTE_PREFIX)) {
                    routes.reloadRoute(payload.substring(TrafficChanges.ROUTE_PREFIX.length()));
                } else if (payload.equals(TrafficChanges.FAULTS)) {
                    faults.reload();
                }
            }
        }
        state.reloaded(notices.length);
    }

    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            // The pool's driver properties (socket and connect timeouts) apply here too: without them the
            // keep-alive SELECT 1 below could itself wait forever on a silent peer.
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            properties.setProperty("user", hikari.getUsername());
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to unblock the listener thread on shutdown
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
