package dev.runway.testkit.archfixture.core;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Domain logic that reaches for the database: exactly what the rule forbids. */
public class LeakyRule {
    public boolean decide(JdbcClient jdbc) {
        return jdbc != null;
    }
}
