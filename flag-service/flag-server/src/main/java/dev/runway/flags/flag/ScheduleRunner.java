package dev.runway.flags.flag;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Scheduler#runDue()} every {@code runway.flags.schedules.poll} (1 s) on every replica; the row
 * locks make sure each schedule is handled once. A failed run (database down) is logged and tried again at
 * the next tick.
 */
@Component
class ScheduleRunner implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    private final Scheduler scheduler;
    private final Duration poll;
    private volatile ScheduledExecutorService executor;

    ScheduleRunner(Scheduler scheduler, @Value("${runway.flags.schedules.poll:1s}") Duration poll) {
        this.scheduler = scheduler;
        this.poll = poll;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().daemon().name("flag-scheduler").unstarted(runnable));
        executor.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            scheduler.runDue();
        } catch (RuntimeException failure) {
            log.warn("scheduled changes not applied this time, retrying: {}", failure.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
