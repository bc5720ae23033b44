package dev.runway.common.problem;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that is away from a bug. When the server goes down mid-request the failure surfaces in
 * many shapes — no connection from the pool, a broken pipe, a rollback that fails on a dead connection — so
 * the whole cause chain is read, not only the outermost exception.
 */
public final class DatabaseOutage {
    private DatabaseOutage() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException) {
                return true;
            }
            // SQLSTATE class 08: connection exception (and 57P01-03: the server is shutting down or restarting)
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if ("Connection is closed".equals(t.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
