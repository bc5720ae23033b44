package dev.runway.api.team;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class TeamStore {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    TeamStore(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    Team create(Team.Create request, AuditContext context) {
        String displayName = request.displayName() == null ? request.name() : request.displayName();
        int inserted = jdbc.sql("""
                INSERT INTO teams (name, display_name) VALUES (:name, :displayName)
                ON CONFLICT (name) DO NOTHING
                """)
                .param("name", request.name())
                .param("displayName", displayName)
                .update();
        if (inserted == 0) {
            throw ApiProblem.conflict("team-exists", "team '" + request.name() + "' already exists");
        }
        Team team = find(request.name()).orElseThrow();
        audit.record(context, "team.created", "team/" + team.name(), null, team);
        return team;
    }

    Optional<Team> find(String name) {
        return jdbc.sql("SELECT name, display_name, created_at FROM teams WHERE name = :name")
                .param("name", name)
                .query((rs, row) -> new Team(
                        rs.getString("name"),
                        rs.getString("display_name"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    List<Team> list() {
        return jdbc.sql("SELECT name, display_name, created_at FROM teams ORDER BY name")
                .query((rs, row) -> new Team(
                        rs.getString("name"),
                        rs.getString("display_name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
