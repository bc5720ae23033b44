package dev.runway.common.db;

import java.util.Map;
import java.util.function.Function;

/**
 * Where the platform's PostgreSQL is, read from the environment the way every service and the local runner
 * read it, so that a wrong setting is reported with the name the user typed.
 */
public record DatabaseSettings(String url, String user, String password) {
    public static final String URL = "PLATFORM_DB_URL";
    public static final String USER = "PLATFORM_DB_USER";
    public static final String PASSWORD = "PLATFORM_DB_PASSWORD";
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/runway";
    public static final String DEFAULT_USER = "runway";

    /** Reads the settings from system properties first, then environment variables. */
    public static DatabaseSettings fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    public static DatabaseSettings from(Function<String, String> lookup) {
        return new DatabaseSettings(
                orDefault(lookup.apply(URL), DEFAULT_URL),
                orDefault(lookup.apply(USER), DEFAULT_USER),
                orDefault(lookup.apply(PASSWORD), ""));
    }

    public static DatabaseSettings from(Map<String, String> values) {
        return from(values::get);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
