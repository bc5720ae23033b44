package dev.runway.flags.stream;

import dev.runway.flags.sdkkey.SdkKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What SDKs evaluating locally read: the ruleset of their key's environment, once (with ETag for cheap
 * polling) or as a stream of every new revision.
 */
@RestController
class StreamController {
    private final RulesetCache cache;
    private final Subscribers subscribers;

    StreamController(RulesetCache cache, Subscribers subscribers) {
        this.cache = cache;
        this.subscribers = subscribers;
    }

    @GetMapping(path = "/sdk/v1/ruleset", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> ruleset(
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch, HttpServletRequest request) {
        RulesetCache.Snapshot snapshot = cache.current();
        RulesetCache.Live live = snapshot.environment(SdkKeyFilter.environment(request));
        String etag = "\"" + snapshot.revision() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(live.json());
    }

    /**
     * Server-sent events: {@code event: ruleset}, {@code id:} the revision, {@code data:} the whole ruleset.
     * On connect the current ruleset is sent unless {@code Last-Event-ID} already names it, so a client that
     * reconnects after a blip receives nothing it has, and one that missed changes receives the latest state
     * at once (every event is the complete state, so there is nothing to replay in between).
     */
    @GetMapping(path = "/sdk/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
        return subscribers.add(SdkKeyFilter.environment(request), lastEventId);
    }
}
