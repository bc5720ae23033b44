package dev.runway.api.identity;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** API tokens: issued once in clear, kept as a hash, scoped to roles and teams, always expiring, revocable. */
@Repository
public class TokenStore {
    static final String PREFIX = "rwy_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final IdentitySettings settings;
    private final Clock clock;

    TokenStore(JdbcClient jdbc, AuditLog audit, IdentitySettings settings) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** What an admin sends to create a token; {@code expiresIn} is an ISO-8601 duration such as P30D. */
    record Create(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9._-]{1,62}",
                    message = "must be 2-63 lowercase letters, digits, '.', '_' or '-', starting with a letter")
            String name,

            List<String> roles,
            List<String> teams,
            Duration expiresIn) {}

    /** A token as listed: never its secret. */
    record TokenView(
            String id,
            String name,
            List<String> roles,
            List<String> teams,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt) {}

    /** The answer to a creation: the only time the secret is shown. */
    record Issued(
            String id,
            String name,
            String token,
            List<String> roles,
            List<String> teams,
            Instant expiresAt,
            String notice) {}

    /** A presented secret, resolved: the token's identity and whether it may still be used. */
    record Presented(
            String id, String name, Set<Role> roles, Set<String> teams, Instant expiresAt, Instant revokedAt) {}

    @Transactional
    Issued issue(Create request, AuditContext context) {
        Set<Role> roles = Role.parseAll("roles", request.roles());
        Set<String> teams = Names.existingTeams(jdbc, "teams", request.teams());
        Duration lifetime = request.expiresIn() == null ? settings.tokenLifetime() : request.expiresIn();
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw ApiProblem.invalid("expiresIn", "must be positive, e.g. P30D");
        }
        if (lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw ApiProblem.invalid("expiresIn", "must be at most " + settings.maxTokenLifetime());
        }
        String secret = newSecret();
        String id = UUID.randomUUID().toString();
        Instant expiresAt = clock.instant().plus(lifetime);
        int inserted = jdbc.sql("""
                INSERT INTO api_tokens (id, name, secret_hash, roles, teams, created_by, expires_at)
                VALUES (:id, :name, :hash, :roles, :teams, :createdBy, :expiresAt)
                ON CONFLICT (name) DO NOTHING
                """)
                .param("id", id)
                .param("name", request.name())
                .param("hash", hash(secret))
                .param("roles", Names.keys(roles))
                .param("teams", teams.toArray(String[]::new))
                .param("createdBy", context.actor().name())
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("token-exists", "a token named '" + request.name() + "' already exists");
        }
        TokenView view = find(id).orElseThrow();
        audit.record(context, "token.created", "token/" + view.name(), null, view);
        return new Issued(
                id,
                view.name(),
                secret,
                view.roles(),
                view.teams(),
                expiresAt,
                "keep this token now: it is shown only once and cannot be recovered");
    }

    @Transactional
    TokenView revoke(String id, AuditContext context) {
        TokenView before = find(id).orElseThrow(() -> ApiProblem.notFound("token", id));
        if (before.revokedAt() != null) {
            return before;
        }
        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = :id")
                .param("id", id)
                .update();
        TokenView after = find(id).orElseThrow();
        audit.record(context, "token.revoked", "token/" + after.name(), before, after);
        return after;
    }

    List<TokenView> list() {
        return jdbc.sql(SELECT + " ORDER BY created_at, name")
                .query(TokenStore::view)
                .list();
    }

    Optional<TokenView> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id")
                .param("id", id)
                .query(TokenStore::view)
                .optional();
    }

    /** Looks a presented secret up by its hash; empty when no token has it. */
    Optional<Presented> present(String secret) {
        return jdbc.sql("""
                SELECT id, name, roles, teams, expires_at, revoked_at FROM api_tokens WHERE secret_hash = :hash
                """)
                .param("hash", hash(secret))
                .query((rs, row) -> new Presented(
                        rs.getString("id"),
                        rs.getString("name"),
                        Names.strings(rs.getArray("roles")).stream()
                                .map(r -> Role.parse("roles", r))
                                .collect(Collectors.toSet()),
                        Set.copyOf(Names.strings(rs.getArray("teams"))),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .optional();
    }

    private static final String SELECT =
            "SELECT id, name, roles, teams, created_by, created_at, expires_at, revoked_at FROM api_tokens";

    private static TokenView view(ResultSet rs, int row) throws SQLException {
        return new TokenView(
                rs.getString("id"),
                rs.getString("name"),
                Names.strings(rs.getArray("roles")),
                Names.strings(rs.getArray("teams")),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("revoked_at") == null
                        ? null
                        : rs.getTimestamp("revoked_at").toInstant());
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256, hex: what is stored and looked up. Public so that tests can seed tokens the way the store does. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
