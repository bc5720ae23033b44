package dev.runway.flags.stream;

import dev.runway.common.actor.AuditContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives a change its revision and tells every replica about it. The NOTIFY is sent inside the change's
 * transaction, so PostgreSQL delivers it on commit and never for a change that rolled back.
 */
@Component
public class ChangeLog {
    static final String CHANNEL = "flag_changes";

    private final JdbcClient jdbc;
    private final RulesetCache cache;

    ChangeLog(JdbcClient jdbc, RulesetCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** Call inside the change's transaction, after taking {@link StoredState#lockForChange}. */
    public long commit(String subject, String action, AuditContext context) {
        // Revisions come from a sequence, i.e. in order of insert, not of commit; holding the change lock to
        // commit makes the two orders the same, so "reload if newer" can never skip a change.
        StoredState.lockForChange(jdbc);
        long revision = jdbc.sql("""
                INSERT INTO changes (subject, action, actor) VALUES (:subject, :action, :actor) RETURNING revision
                """)
                .param("subject", subject)
                .param("action", action)
                .param("actor", context.actor().name())
                .query(Long.class)
                .single();
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :revision)")
                .param("revision", Long.toString(revision))
                .query()
                .singleValue();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // This replica need not wait for its own notification: the caller reads its write at once.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.reload();
                }
            });
        }
        return revision;
    }
}
