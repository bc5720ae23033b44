package dev.runway.flags.segment;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Segment;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reusable audiences and the ordered rings built from them. */
@RestController
class SegmentController {
    private final SegmentStore segments;

    SegmentController(SegmentStore segments) {
        this.segments = segments;
    }

    @PostMapping("/api/v1/segments")
    ResponseEntity<Segment> create(@RequestBody Segment segment, AuditContext context) {
        if (segment.key() == null || segment.key().isBlank()) {
            throw ApiProblem.invalid("key", "must not be blank");
        }
        Segment created = segments.save(segment, false, context);
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.key()))
                .body(created);
    }

    @GetMapping("/api/v1/segments")
    List<Segment> list() {
        return segments.list();
    }

    @GetMapping("/api/v1/segments/{key}")
    Segment get(@PathVariable String key) {
        return segments.find(key).orElseThrow(() -> ApiProblem.notFound("segment", key));
    }

    @PutMapping("/api/v1/segments/{key}")
    Segment replace(@PathVariable String key, @RequestBody Segment segment, AuditContext context) {
        return segments.save(
                new Segment(key, segment.conditions(), segment.included(), segment.excluded()), true, context);
    }

    @DeleteMapping("/api/v1/segments/{key}")
    ResponseEntity<Void> delete(@PathVariable String key, AuditContext context) {
        segments.delete(key, context);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/rings")
    List<Ring> rings() {
        return segments.rings();
    }

    /** Replaces the ordered list of rings (ring 0 first). */
    @PutMapping("/api/v1/rings")
    List<Ring> setRings(@RequestBody List<Ring> rings, AuditContext context) {
        return segments.setRings(rings, context);
    }
}
