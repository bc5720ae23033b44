package dev.runway.api.team;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/teams")
class TeamController {
    private final TeamStore teams;

    TeamController(TeamStore teams) {
        this.teams = teams;
    }

    @PostMapping
    ResponseEntity<Team> create(@Valid @RequestBody Team.Create request, AuditContext context) {
        Team team = teams.create(request, context);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.name()))
                .body(team);
    }

    @GetMapping
    List<Team> list() {
        return teams.list();
    }

    @GetMapping("/{name}")
    Team get(@PathVariable String name) {
        return teams.find(name).orElseThrow(() -> ApiProblem.notFound("team", name));
    }
}
