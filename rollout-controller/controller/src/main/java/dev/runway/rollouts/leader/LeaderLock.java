package dev.runway.rollouts.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among controller replicas: a PostgreSQL session-level advisory lock held on one dedicated
 * connection. Only the holder reconciles. When the holder dies (even by SIGKILL) its session ends and the
 * server releases the lock, so a standby that retries every tick takes over within one tick plus the
 * server's detection of the dead connection.
 */
public final class LeaderLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

    private final DataSource dataSource;
    private final long key;
    private Connection connection;

    public LeaderLock(DataSource dataSource, long key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /** True while this replica holds the lock; tries to take it when it does not. */
    public synchronized boolean holds() {
        if (connection != null) {
            if (stillValid()) {
                return true;
            }
            log.warn("lost the leader lock's connection; standing by");
            release();
        }
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        connection = c;
                        log.info("took the leader lock; this replica reconciles");
                        return true;
                    }
                }
            }
            c.close();
        } catch (SQLException e) {
            log.debug("leader lock not available: {}", e.getMessage());
        }
        return false;
    }

    private boolean stillValid() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void release() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session is gone either way, and with it the lock
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
            } catch (SQLException ignored) {
                // closing the connection below releases it too
            }
            release();
        }
    }
}
