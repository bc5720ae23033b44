package dev.runway.slo.notify;

import java.util.List;

/** Tells people that alerts fired or resolved. Must return at once: evaluation never waits on a receiver. */
public interface AlertNotifier {
    void notify(List<AlertEvent> events);
}
