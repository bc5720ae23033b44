package dev.runway.api.identity;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Checks shared by users and tokens: the teams they name must exist. */
final class Names {
    private Names() {}

    static Set<String> existingTeams(JdbcClient jdbc, String field, List<String> teams) {
        Set<String> result = new LinkedHashSet<>();
        if (teams == null) {
            return result;
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            String team = teams.get(i);
            boolean exists = team != null
                    && jdbc.sql("SELECT count(*) FROM teams WHERE name = :name")
                                    .param("name", team)
                                    .query(Long.class)
                                    .single()
                            > 0;
            if (!exists) {
                violations.add(new FieldViolation(
                        field + "[" + i + "]",
                        "team '" + team + "' does not exist: create it with POST /api/v1/teams"));
            } else {
                result.add(team);
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return result;
    }

    static String[] keys(Set<Role> roles) {
        return roles.stream().sorted().map(Role::key).toArray(String[]::new);
    }

    static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
