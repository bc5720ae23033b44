package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.flags.engine.Splits;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.Serve;
import dev.runway.flags.ruleset.EnvironmentConfig;
import dev.runway.flags.ruleset.FlagDocument;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Management API of flags: the document, per-environment switches and targeting, kill, history. */
@RestController
@RequestMapping("/api/v1/flags")
class FlagController {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** A service name as the rollout-controller's registry spells them. */
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    private final FlagStore flags;

    FlagController(FlagStore flags) {
        this.flags = flags;
    }

    @PostMapping
    ResponseEntity<Object> create(@RequestBody FlagDocument document, AuditContext context) {
        requireKey("key", document.key());
        requireService(document.service());
        return switch (flags.create(document, context)) {
            case FlagStore.Outcome.Applied(StoredFlag created) ->
                ResponseEntity.created(URI.create("/api/v1/flags/" + document.key()))
                        .body(created);
            case FlagStore.Outcome.Proposed proposed -> respond(proposed);
        };
    }

    /** Every flag, or those a service owns. */
    @GetMapping
    List<StoredFlag> list(@RequestParam(required = false) String service) {
        if (service != null) {
            requireService(service);
        }
        return flags.list(service);
    }

    @GetMapping("/{key}")
    StoredFlag get(@PathVariable String key) {
        return flags.find(key).orElseThrow(() -> ApiProblem.notFound("flag", key));
    }

    /** Replaces the whole document (the key in the path wins). */
    @PutMapping("/{key}")
    ResponseEntity<Object> replace(@PathVariable String key, @RequestBody FlagDocument document, AuditContext context) {
        if (document.key() != null && !document.key().equals(key)) {
            throw ApiProblem.invalid("key", "must match the key in the path ('" + key + "'); flags cannot be renamed");
        }
        requireService(document.service());
        return respond(flags.change(key, "flag.updated", context, false, current -> document));
    }

    @DeleteMapping("/{key}")
    ResponseEntity<Object> delete(@PathVariable String key, AuditContext context) {
        return switch (flags.delete(key, context)) {
            case FlagStore.Outcome.Applied applied -> ResponseEntity.noContent().build();
            case FlagStore.Outcome.Proposed proposed -> respond(proposed);
        };
    }

    /** Replaces one environment's state and targeting. */
    @PutMapping("/{key}/environments/{environment}")
    ResponseEntity<Object> configure(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestBody EnvironmentConfig config,
            AuditContext context) {
        return respond(
                flags.change(key, "flag.targeting-set", context, false, current -> current.with(environment, config)));
    }

    /** Turns the flag on or off in one environment; {@code KILLED} here kills it in this environment only. */
    @PutMapping("/{key}/environments/{environment}/state")
    ResponseEntity<Object> state(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestBody StateChange change,
            AuditContext context) {
        if (change.state() == null) {
            throw ApiProblem.invalid("state", "must be one of ON, OFF, KILLED");
        }
        return respond(flags.change(
                key,
                "flag." + change.state().name().toLowerCase(java.util.Locale.ROOT),
                context,
                change.state() == FlagState.KILLED,
                current -> current.with(environment, current.in(environment).withState(change.state()))));
    }

    /**
     * Sets the rollout weights of one environment, moving as few users as possible: the new slices come
     * from {@link Splits#rebalance}, so raising a percentage only adds users.
     */
    @PutMapping("/{key}/environments/{environment}/rollout")
    ResponseEntity<Object> rollout(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestBody RolloutChange change,
            AuditContext context) {
        requireWeights("weights", change.weights());
        return respond(flags.change(key, "flag.rollout-set", context, false, current -> {
            EnvironmentConfig config = current.in(environment);
            Serve.Split next = Splits.rebalance(config.rollout(), change.weights());
            String bucketBy = change.bucketBy() != null ? change.bucketBy() : next.bucketBy();
            return current.with(
                    environment, config.withRollout(new Serve.Split(bucketBy, next.weights(), next.slices())));
        }));
    }

    /**
     * The emergency stop: the off variant in every environment, in one change, never waiting for approval
     * (it can only reduce exposure).
     */
    @PostMapping("/{key}/kill")
    ResponseEntity<Object> kill(@PathVariable String key, AuditContext context) {
        return respond(flags.change(key, "flag.killed", context, true, current -> {
            Map<String, EnvironmentConfig> killed = new LinkedHashMap<>();
            current.environments()
                    .forEach((environment, config) -> killed.put(environment, config.withState(FlagState.KILLED)));
            FlagDocument result = current;
            for (Map.Entry<String, EnvironmentConfig> entry : killed.entrySet()) {
                result = result.with(entry.getKey(), entry.getValue());
            }
            return result;
        }));
    }

    @GetMapping("/{key}/versions")
    List<FlagVersion> versions(@PathVariable String key) {
        List<FlagVersion> versions = flags.versions(key);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("flag", key);
        }
        return versions;
    }

    @GetMapping("/{key}/versions/{version}")
    FlagVersion version(@PathVariable String key, @PathVariable int version) {
        return flags.version(key, version).orElseThrow(() -> ApiProblem.notFound("flag version", key + "@" + version));
    }

    @PostMapping("/{key}/versions/{version}/restore")
    ResponseEntity<Object> restore(@PathVariable String key, @PathVariable int version, AuditContext context) {
        return respond(flags.restore(key, version, context));
    }

    /** 200 with the new version, or 202 with the proposal when a guarded environment needs approval first. */
    private static ResponseEntity<Object> respond(FlagStore.Outcome outcome) {
        return switch (outcome) {
            case FlagStore.Outcome.Applied(StoredFlag flag) -> ResponseEntity.ok(flag);
            case FlagStore.Outcome.Proposed proposed -> respond(proposed);
        };
    }

    private static ResponseEntity<Object> respond(FlagStore.Outcome.Proposed proposed) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/approvals/" + proposed.proposal().id()))
                .body(proposed.proposal());
    }

    private static void requireKey(String field, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(
                    field, "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** The owner is optional; when named it must be a service name, since the front door looks it up. */
    private static void requireService(String service) {
        if (service != null && !SERVICE.matcher(service).matches()) {
            throw ApiProblem.invalid(
                    "service",
                    "must name the owning service as the registry spells it: 2-63 lower-case letters, digits or"
                            + " '-', starting with a letter (or leave it out for a flag no team owns)");
        }
    }

    /** Weights for a rollout: each with a variant, none negative, 10 000 basis points in all. */
    static void requireWeights(String field, List<Serve.Weight> weights) {
        if (weights == null || weights.isEmpty()) {
            throw ApiProblem.invalid(field, "must list at least one variant weight");
        }
        int total = 0;
        for (int i = 0; i < weights.size(); i++) {
            Serve.Weight weight = weights.get(i);
            if (weight == null || weight.variant() == null || weight.basisPoints() < 0) {
                throw ApiProblem.invalid(field + "[" + i + "]", "needs a variant and non-negative basisPoints");
            }
            total += weight.basisPoints();
        }
        if (total != 10_000) {
            throw ApiProblem.invalid(field, "basis points must add up to 10000, not " + total);
        }
    }

    /** @param state the new state */
    record StateChange(FlagState state) {}

    /**
     * @param bucketBy attribute to bucket on, {@code null} to keep the current one (or the targeting key)
     * @param weights new weights in basis points, adding up to 10 000
     */
    record RolloutChange(String bucketBy, List<Serve.Weight> weights) {}
}
