package dev.runway.common.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Tries the database once and, when it fails, says why in one line that names the setting to fix.
 *
 * <p>A service that cannot reach its database otherwise dies under several screens of pool and context
 * stack traces, where the one fact the user needs — which setting is wrong and how — is easy to miss.
 */
public final class DatabaseProbe {
    private DatabaseProbe() {}

    /** Returns the problem in one line, or empty when a connection could be opened. */
    public static Optional<String> problem(DatabaseSettings settings, int timeoutSeconds) {
        if (!settings.url().startsWith("jdbc:postgresql:")) {
            return Optional.of(
                    DatabaseSettings.URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), " + "got '"
                            + settings.url() + "'");
        }
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        try (Connection ignored = DriverManager.getConnection(settings.url(), props)) {
            return Optional.empty();
        } catch (SQLException failure) {
            return Optional.of(explain(settings, failure));
        }
    }

    static String explain(DatabaseSettings settings, SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String where = DatabaseSettings.URL + "=" + settings.url();
        return switch (state) {
            case "28P01", "28000" ->
                "cannot log in to PostgreSQL at " + where + " as " + DatabaseSettings.USER + "='" + settings.user()
                        + "': password authentication failed (check " + DatabaseSettings.PASSWORD + ")";
            case "3D000" -> "the database named in " + where + " does not exist";
            default ->
                "cannot reach PostgreSQL at " + where + ": "
                        + networkCause(failure).orElse(firstLine(failure));
        };
    }

    private static Optional<String> networkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case UnknownHostException unknown -> {
                    return Optional.of("unknown host '" + unknown.getMessage() + "'");
                }
                case ConnectException refused -> {
                    return Optional.of("connection refused (is PostgreSQL running and listening there?)");
                }
                case NoRouteToHostException noRoute -> {
                    return Optional.of("no route to host");
                }
                case SocketTimeoutException timeout -> {
                    return Optional.of("no answer before the timeout");
                }
                default -> {}
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
