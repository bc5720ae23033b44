package dev.runway.flags.sdkkey;

import dev.runway.flags.stream.RulesetCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which environment an SDK key reads, answered from memory: evaluation traffic never waits on the database,
 * and a flood of wrong keys costs one hash each. The table is re-read with every ruleset reload (key
 * changes are committed as changes, so every replica sees them within the same propagation path).
 */
@Component
public class SdkKeys {
    private final JdbcClient jdbc;
    private volatile Map<String, String> environmentByHash = Map.of();

    SdkKeys(JdbcClient jdbc, RulesetCache cache) {
        this.jdbc = jdbc;
        cache.subscribe(snapshot -> refresh());
    }

    /** The environment the key may read, if it is a live key. */
    public Optional<String> environmentOf(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        if (environmentByHash.isEmpty()) {
            refresh();
        }
        return Optional.ofNullable(environmentByHash.get(hash(secret.strip())));
    }

    void refresh() {
        environmentByHash = jdbc
                .sql("SELECT secret_hash, environment FROM sdk_keys WHERE revoked_at IS NULL")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
