package dev.runway.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Ruleset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * OpenFeature provider for Runway: evaluates locally with the same engine as the server, against a ruleset
 * it keeps current in the background (SSE stream, ETag polling while the stream is down).
 *
 * <p>Evaluation reads one volatile reference and never touches the network. If the service goes away the
 * provider keeps serving the last ruleset and emits {@code PROVIDER_STALE}; when it comes back, {@code
 * PROVIDER_READY}. Each new revision emits {@code PROVIDER_CONFIGURATION_CHANGED} naming the flags that
 * changed. With a cache file, an application that starts while the service is down serves the last good
 * ruleset from disk.
 */
public final class RunwayProvider extends EventProvider {
    private static final Metadata METADATA = () -> "runway";

    private final RunwayProviderOptions options;
    private final RulesetSync sync;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile boolean initialized;
    private volatile boolean stale;

    public RunwayProvider(RunwayProviderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.sync = new RulesetSync(options, new RulesetSync.Listener() {
            @Override
            public void received(String json) {
                apply(json, true);
            }

            @Override
            public void reachable() {
                markReachable();
            }

            @Override
            public void unreachable(Exception cause) {
                markUnreachable(cause);
            }
        });
    }

    private record Loaded(Ruleset ruleset, FlagEngine engine) {}

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    /**
     * Loads the cached ruleset (if configured), then fetches the current one for up to {@code initTimeout}.
     * Fails only if neither gave a ruleset; the background sync runs either way, so a provider that failed
     * to initialise becomes ready by itself when the service appears.
     */
    @Override
    public void initialize(EvaluationContext evaluationContext) throws Exception {
        loadCacheFile();
        Exception failure = null;
        try {
            String json = sync.fetch(options.initTimeout());
            if (json != null) {
                apply(json, false);
            }
        } catch (Exception unreachable) {
            failure = unreachable;
            stale = current.get() != null;
        }
        sync.start();
        initialized = true;
        if (current.get() == null) {
            throw new IllegalStateException(
                    "no ruleset: the flag service is unreachable and there is no cache", failure);
        }
        if (stale) {
            emitProviderStale(details("serving the cached ruleset: " + failure));
        }
    }

    @Override
    public void shutdown() {
        sync.stop();
        super.shutdown();
    }

    /** The revision being served, or {@code null} before the first ruleset. */
    public String revision() {
        Loaded loaded = current.get();
        return loaded == null ? null : loaded.ruleset().revision();
    }

    /** Whether the service was unreachable at the last attempt (what is served may be out of date). */
    public boolean isStale() {
        return stale;
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        return evaluate(key, FlagType.BOOLEAN, defaultValue, ctx, value -> (Boolean) value);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return evaluate(key, FlagType.STRING, defaultValue, ctx, value -> (String) value);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return evaluate(key, FlagType.NUMBER, defaultValue, ctx, value -> ((Number) value).intValue());
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return evaluate(key, FlagType.NUMBER, defaultValue, ctx, value -> ((Number) value).doubleValue());
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return evaluate(key, FlagType.OBJECT, defaultValue, ctx, Value::objectToValue);
    }

    private <T> ProviderEvaluation<T> evaluate(
            String key, FlagType type, T defaultValue, EvaluationContext ctx, Function<Object, T> convert) {
        Loaded loaded = current.get();
        if (loaded == null) {
            return Conversions.error(defaultValue, ErrorCode.PROVIDER_NOT_READY, "no ruleset loaded yet");
        }
        return Conversions.result(loaded.engine().evaluate(key, type, Conversions.context(ctx)), defaultValue, convert);
    }

    private synchronized void apply(String json, boolean announce) {
        Ruleset ruleset;
        try {
            ruleset = RulesetJson.read(json);
        } catch (RuntimeException unreadable) {
            if (initialized) {
                emitProviderError(ProviderEventDetails.builder()
                        .message("unreadable ruleset ignored: " + unreadable.getMessage())
                        .errorCode(ErrorCode.PARSE_ERROR)
                        .build());
            }
            return;
        }
        Loaded previous = current.get();
        if (previous != null && Objects.equals(previous.ruleset().revision(), ruleset.revision())) {
            return;
        }
        current.set(new Loaded(ruleset, FlagEngine.load(ruleset)));
        sync.revision(ruleset.revision());
        writeCacheFile(json);
        if (announce && initialized && previous == null) {
            // initialize() failed without a ruleset; this is the moment the provider becomes usable.
            emitProviderReady(details("first ruleset loaded: revision " + ruleset.revision()));
        } else if (announce && initialized) {
            emitProviderConfigurationChanged(ProviderEventDetails.builder()
                    .flagsChanged(changedFlags(previous == null ? null : previous.ruleset(), ruleset))
                    .message("revision " + ruleset.revision())
                    .build());
        }
    }

    private void markReachable() {
        if (stale && initialized && current.get() != null) {
            stale = false;
            emitProviderReady(details("the flag service is reachable again"));
        }
    }

    private void markUnreachable(Exception cause) {
        if (!initialized) {
            return;
        }
        if (current.get() == null) {
            emitProviderError(ProviderEventDetails.builder()
                    .message("the flag service is unreachable: " + cause)
                    .errorCode(ErrorCode.PROVIDER_NOT_READY)
                    .build());
        } else if (!stale) {
            stale = true;
            emitProviderStale(details("the flag service is unreachable; serving revision " + revision()));
        }
    }

    static List<String> changedFlags(Ruleset before, Ruleset after) {
        Map<String, Flag> old = new HashMap<>();
        if (before != null) {
            before.flags().forEach(flag -> old.put(flag.key(), flag));
        }
        List<String> changed = new ArrayList<>();
        for (Flag flag : after.flags()) {
            if (!flag.equals(old.remove(flag.key()))) {
                changed.add(flag.key());
            }
        }
        changed.addAll(old.keySet());
        return changed;
    }

    private void loadCacheFile() {
        Path file = options.cacheFile();
        if (file == null || !Files.isReadable(file)) {
            return;
        }
        try {
            apply(Files.readString(file, StandardCharsets.UTF_8), false);
        } catch (IOException unreadable) {
            // a missing or broken cache only means starting without it
        }
    }

    private void writeCacheFile(String json) {
        Path file = options.cacheFile();
        if (file == null) {
            return;
        }
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException unwritable) {
            // the cache is an optimisation for cold starts; serving must not depend on the disk
        }
    }

    private static ProviderEventDetails details(String message) {
        return ProviderEventDetails.builder().message(message).build();
    }
}
