package dev.runway.flags.ofrep;

import dev.runway.flags.engine.Evaluation;
import dev.runway.flags.engine.EvaluationContext;
import dev.runway.flags.engine.FlagEngine;
import dev.runway.flags.sdkkey.SdkKeyFilter;
import dev.runway.flags.stream.RulesetCache;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenFeature Remote Evaluation Protocol: single and bulk evaluation against this replica's in-memory
 * engine for the SDK key's environment. Errors use the protocol's bodies and statuses, not problem+json,
 * because OFREP clients read {@code errorCode}.
 */
@RestController
class OfrepController {
    private final RulesetCache cache;
    private final OfrepRequests requests;

    OfrepController(RulesetCache cache, OfrepRequests requests) {
        this.cache = cache;
        this.requests = requests;
    }

    @PostMapping(path = "/ofrep/v1/evaluate/flags/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> evaluate(
            @PathVariable String key, @RequestBody(required = false) String body, HttpServletRequest request) {
        OfrepRequests.Parsed parsed = requests.parse(body);
        if (parsed instanceof OfrepRequests.Parsed.Invalid(String code, String details)) {
            return ResponseEntity.badRequest().body(new Failure(key, code, details));
        }
        EvaluationContext context = ((OfrepRequests.Parsed.Valid) parsed).context();
        return switch (engine(request).evaluate(key, context)) {
            case Evaluation.Resolved resolved -> ResponseEntity.ok(Success.of(resolved));
            case Evaluation.Failed failed ->
                ResponseEntity.status(OfrepStatus.of(failed.errorCode()))
                        .body(new Failure(key, failed.errorCode().name(), failed.errorDetails()));
        };
    }

    /**
     * Every flag of the environment for one context. The ETag names the ruleset revision and the context,
     * so a client polling with If-None-Match gets 304 until either changes.
     */
    @PostMapping(path = "/ofrep/v1/evaluate/flags", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> evaluateAll(
            @RequestBody(required = false) String body,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            HttpServletRequest request) {
        OfrepRequests.Parsed parsed = requests.parse(body);
        if (parsed instanceof OfrepRequests.Parsed.Invalid(String code, String details)) {
            return ResponseEntity.badRequest().body(new BulkFailure(code, details));
        }
        FlagEngine engine = engine(request);
        String etag = "\"" + engine.revision() + "-" + OfrepRequests.fingerprint(body) + "\"";
        if (ifNoneMatch != null && OfrepRequests.etagMatches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        EvaluationContext context = ((OfrepRequests.Parsed.Valid) parsed).context();
        List<Object> flags = new ArrayList<>();
        for (Evaluation evaluation : engine.evaluateAll(context)) {
            flags.add(
                    switch (evaluation) {
                        case Evaluation.Resolved resolved -> Success.of(resolved);
                        case Evaluation.Failed failed ->
                            new Failure(failed.flagKey(), failed.errorCode().name(), failed.errorDetails());
                    });
        }
        return ResponseEntity.ok().eTag(etag).body(new Bulk(flags));
    }

    private FlagEngine engine(HttpServletRequest request) {
        RulesetCache.Live live = cache.current().environment(SdkKeyFilter.environment(request));
        if (live == null) {
            throw new IllegalStateException("no ruleset loaded for " + SdkKeyFilter.environment(request));
        }
        return live.engine();
    }

    record Success(String key, Object value, String reason, String variant, java.util.Map<String, Object> metadata) {
        static Success of(Evaluation.Resolved resolved) {
            return new Success(
                    resolved.flagKey(),
                    resolved.value(),
                    resolved.ofrepReason(),
                    resolved.variant(),
                    java.util.Map.of());
        }
    }

    record Failure(String key, String errorCode, String errorDetails) {}

    record BulkFailure(String errorCode, String errorDetails) {}

    record Bulk(List<Object> flags) {}
}
