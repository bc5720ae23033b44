package dev.runway.slo.probe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every tick, claims the probes that are due and runs their journeys on a small pool of their own, so that a
 * slow journey delays neither the SLO evaluation nor other probes beyond the pool's size. A probe whose
 * previous run is still going is simply not due again until its interval has passed.
 */
@Component
class ProbeScheduler implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    private final ProbeStore store;
    private final ProbeAlerts alerts;
    private final JourneyRunner runner;
    private final ProbeSettings settings;
    private final ThreadPoolExecutor journeys;

    ProbeScheduler(ProbeStore store, ProbeAlerts alerts, ProbeSettings settings) {
        this.store = store;
        this.alerts = alerts;
        this.settings = settings;
        this.runner = new JourneyRunner(settings.gatewayUrl(), settings.secrets());
        this.journeys = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000),
                runnable -> {
                    Thread thread = new Thread(runnable, "slo-probes");
                    thread.setDaemon(true);
                    return thread;
                },
                (dropped, executor) -> log.warn("too many probes waiting to run: one run skipped"));
    }

    @Scheduled(fixedDelayString = "${runway.slo.probes.tick:PT1S}")
    void tick() {
        if (!settings.enabled()) {
            return;
        }
        try {
            for (ProbeSpec probe : store.claimDue()) {
                journeys.execute(() -> run(probe));
            }
        } catch (RuntimeException e) {
            log.warn("probes not scheduled this tick: {}", e.getMessage());
        }
    }

    void run(ProbeSpec probe) {
        try {
            JourneyRunner.Outcome outcome = runner.run(probe);
            store.record(probe.name(), outcome);
            alerts.after(probe, outcome);
        } catch (RuntimeException e) {
            log.warn("probe {} not recorded: {}", probe.name(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        journeys.shutdownNow();
    }
}
