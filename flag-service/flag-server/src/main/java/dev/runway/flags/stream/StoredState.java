package dev.runway.flags.stream;

import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Segment;
import dev.runway.flags.ruleset.FlagDocument;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the rulesets are made of, read in one go. Change transactions read it after taking the change
 * lock, so that what they validate against is what they commit next to.
 *
 * @param revision the latest committed change
 * @param flags live (not deleted) flags, oldest first
 * @param segments all segments, by key
 * @param rings the ordered rings
 * @param environments every environment key
 */
public record StoredState(
        long revision, List<FlagDocument> flags, List<Segment> segments, List<Ring> rings, List<String> environments) {

    private static final TypeReference<List<Ring>> RINGS = new TypeReference<>() {};

    public static StoredState read(JdbcClient jdbc, JsonMapper json) {
        long revision = jdbc.sql("SELECT coalesce(max(revision), 0) FROM changes")
                .query(Long.class)
                .single();
        List<FlagDocument> flags = jdbc
                .sql("SELECT document::text FROM flags WHERE NOT deleted ORDER BY key")
                .query(String.class)
                .list()
                .stream()
                .map(text -> json.readValue(text, FlagDocument.class))
                .toList();
        List<Segment> segments =
                jdbc.sql("SELECT document::text FROM segments ORDER BY key").query(String.class).list().stream()
                        .map(text -> json.readValue(text, Segment.class))
                        .toList();
        List<Ring> rings = json.readValue(
                jdbc.sql("SELECT document::text FROM rings WHERE id = 1")
                        .query(String.class)
                        .single(),
                RINGS);
        List<String> environments = jdbc.sql("SELECT key FROM environments ORDER BY created_at, key")
                .query(String.class)
                .list();
        return new StoredState(revision, flags, segments, rings, environments);
    }

    /** Serialises every change to flags, segments and rings: validation sees a state nobody else is editing. */
    public static void lockForChange(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('flags.change'))")
                .query()
                .singleValue();
    }
}
