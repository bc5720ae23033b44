package dev.runway.gateway.fault;

import dev.runway.common.actor.AuditContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired faults from the store and records that they ended. The revert itself does not depend on
 * this: {@link FaultBook} ignores an expired fault on the next request.
 */
@Component
class FaultJanitor {
    private static final Logger log = LoggerFactory.getLogger(FaultJanitor.class);

    private final FaultStore store;
    private final FaultBook book;
    private final Clock clock;

    FaultJanitor(FaultStore store, FaultBook book, Clock clock) {
        this.store = store;
        this.book = book;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${runway.gateway.faults.purge-interval:PT10S}")
    void purge() {
        try {
            if (store.purgeExpired(clock.instant(), AuditContext.system("traffic-gateway", "fault expired")) > 0) {
                book.reload();
            }
        } catch (DataAccessException unavailable) {
            log.debug("expired faults not purged now: {}", unavailable.getMessage());
        }
    }
}
