package dev.runway.api.identity;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Local console users with BCrypt-hashed passwords. */
@Repository
public class UserStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PasswordEncoder passwords;

    UserStore(JdbcClient jdbc, AuditLog audit, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.passwords = passwords;
    }

    record Create(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9._-]{1,62}",
                    message = "must be 2-63 lowercase letters, digits, '.', '_' or '-', starting with a letter")
            String name,

            @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters")
            String password,

            List<String> roles,
            List<String> teams) {}

    /** A change: fields left out stay as they are. */
    record Update(
            @Size(min = 12, max = 200, message = "must be 12 to 200 characters")
            String password,

            List<String> roles,
            List<String> teams,
            Boolean disabled) {}

    /** A user as shown: never the password hash. */
    public record UserView(String name, List<String> roles, List<String> teams, boolean disabled, Instant createdAt) {}

    /** What login needs. */
    public record Credentials(String name, String passwordHash, Set<Role> roles, Set<String> teams, boolean disabled) {}

    @Transactional
    UserView create(Create request, AuditContext context) {
        Set<Role> roles = Role.parseAll("roles", request.roles());
        Set<String> teams = Names.existingTeams(jdbc, "teams", request.teams());
        int inserted = jdbc.sql("""
                INSERT INTO users (name, password_hash, roles, teams) VALUES (:name, :hash, :roles, :teams)
                ON CONFLICT (name) DO NOTHING
                """)
                .param("name", request.name())
                .param("hash", passwords.encode(request.password()))
                .param("roles", Names.keys(roles))
                .param("teams", teams.toArray(String[]::new))
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("user-exists", "user '" + request.name() + "' already exists");
        }
        UserView view = find(request.name()).orElseThrow();
        audit.record(context, "user.created", "user/" + view.name(), null, view);
        return view;
    }

    @Transactional
    UserView update(String name, Update request, AuditContext context) {
        UserView before = find(name).orElseThrow(() -> ApiProblem.notFound("user", name));
        if (request.roles() != null) {
            jdbc.sql("UPDATE users SET roles = :roles WHERE name = :name")
                    .param("roles", Names.keys(Role.parseAll("roles", request.roles())))
                    .param("name", name)
                    .update();
        }
        if (request.teams() != null) {
            jdbc.sql("UPDATE users SET teams = :teams WHERE name = :name")
                    .param(
                            "teams",
                            Names.existingTeams(jdbc, "teams", request.teams()).toArray(String[]::new))
                    .param("name", name)
                    .update();
        }
        if (request.password() != null) {
            jdbc.sql("UPDATE users SET password_hash = :hash WHERE name = :name")
                    .param("hash", passwords.encode(request.password()))
                    .param("name", name)
                    .update();
        }
        if (request.disabled() != null) {
            jdbc.sql("UPDATE users SET disabled = :disabled WHERE name = :name")
                    .param("disabled", request.disabled())
                    .param("name", name)
                    .update();
        }
        UserView after = find(name).orElseThrow();
        // The password never enters the audit record, but that it changed does.
        audit.record(
                context,
                request.password() != null ? "user.updated-with-password" : "user.updated",
                "user/" + name,
                before,
                after);
        return after;
    }

    List<UserView> list() {
        return jdbc.sql(SELECT + " ORDER BY name").query(UserStore::view).list();
    }

    Optional<UserView> find(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name")
                .param("name", name)
                .query(UserStore::view)
                .optional();
    }

    public Optional<Credentials> credentials(String name) {
        return jdbc.sql("SELECT name, password_hash, roles, teams, disabled FROM users WHERE name = :name")
                .param("name", name)
                .query((rs, row) -> new Credentials(
                        rs.getString("name"),
                        rs.getString("password_hash"),
                        Names.strings(rs.getArray("roles")).stream()
                                .map(r -> Role.parse("roles", r))
                                .collect(Collectors.toSet()),
                        Set.copyOf(Names.strings(rs.getArray("teams"))),
                        rs.getBoolean("disabled")))
                .optional();
    }

    private static final String SELECT = "SELECT name, roles, teams, disabled, created_at FROM users";

    private static UserView view(ResultSet rs, int row) throws SQLException {
        return new UserView(
                rs.getString("name"),
                Names.strings(rs.getArray("roles")),
                Names.strings(rs.getArray("teams")),
                rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}
