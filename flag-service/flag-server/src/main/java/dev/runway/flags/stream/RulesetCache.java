package dev.runway.flags.stream;

import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.ruleset.RulesetAssembly;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compiled ruleset of every environment, held in memory and swapped whole on each new revision.
 * Evaluations read a volatile reference and never touch the database; a failed reload keeps the last good
 * state (fail static).
 */
@Component
public class RulesetCache {
    private static final Logger log = LoggerFactory.getLogger(RulesetCache.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current = new Snapshot(-1, Map.of());

    RulesetCache(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The live state; {@code revision} is -1 until the first load. */
    public Snapshot current() {
        return current;
    }

    /** Called after each new snapshot is in place, on the reloading thread. */
    public void subscribe(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    /** Reads the stored state and swaps it in if its revision is newer; false if the database failed. */
    public synchronized boolean reload() {
        StoredState state;
        try {
            state = StoredState.read(jdbc, json);
        } catch (RuntimeException failure) {
            log.warn("ruleset reload failed, keeping revision {}: {}", current.revision(), failure.toString());
            return false;
        }
        if (state.revision() <= current.revision()) {
            return true;
        }
        String revision = Long.toString(state.revision());
        Map<String, Live> environments = new LinkedHashMap<>();
        for (String environment : state.environments()) {
            Ruleset ruleset =
                    RulesetAssembly.assemble(environment, revision, state.flags(), state.segments(), state.rings());
            environments.put(
                    environment, new Live(ruleset, FlagEngine.load(ruleset), json.writeValueAsString(ruleset)));
        }
        Snapshot next = new Snapshot(state.revision(), Map.copyOf(environments));
        current = next;
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException failure) {
                log.warn("ruleset listener failed: {}", failure.toString());
            }
        }
        return true;
    }

    /**
     * Every environment at one revision.
     *
     * @param revision the latest change included
     * @param environments environment key → its live ruleset
     */
    public record Snapshot(long revision, Map<String, Live> environments) {
        public Live environment(String key) {
            return environments.get(key);
        }
    }

    /**
     * One environment's ruleset, its compiled engine and its JSON as shipped to SDKs (serialised once).
     */
    public record Live(Ruleset ruleset, FlagEngine engine, String json) {}
}
