package dev.runway.api.identity;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users, API tokens and the caller's own identity. Who may call what is decided by the route table. */
@RestController
class IdentityController {
    private final UserStore users;
    private final TokenStore tokens;

    IdentityController(UserStore users, TokenStore tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/api/v1/me")
    Map<String, Object> me(@RequestAttribute(CallerAttribute.NAME) Caller caller) {
        return Map.of(
                "name", caller.name(),
                "kind", caller.kind(),
                "roles", caller.roles().stream().sorted().map(Role::key).toList(),
                "teams", caller.teams().stream().sorted().toList());
    }

    @PostMapping("/api/v1/users")
    ResponseEntity<UserStore.UserView> createUser(@Valid @RequestBody UserStore.Create request, AuditContext context) {
        var created = users.create(request, context);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.name()))
                .body(created);
    }

    @GetMapping("/api/v1/users")
    List<UserStore.UserView> users() {
        return users.list();
    }

    @GetMapping("/api/v1/users/{name}")
    UserStore.UserView user(@PathVariable String name) {
        return users.find(name).orElseThrow(() -> ApiProblem.notFound("user", name));
    }

    @PutMapping("/api/v1/users/{name}")
    UserStore.UserView updateUser(
            @PathVariable String name, @Valid @RequestBody UserStore.Update request, AuditContext context) {
        return users.update(name, request, context);
    }

    @PostMapping("/api/v1/tokens")
    ResponseEntity<TokenStore.Issued> createToken(@Valid @RequestBody TokenStore.Create request, AuditContext context) {
        var issued = tokens.issue(request, context);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id()))
                .body(issued);
    }

    @GetMapping("/api/v1/tokens")
    List<TokenStore.TokenView> tokens() {
        return tokens.list();
    }

    @GetMapping("/api/v1/tokens/{id}")
    TokenStore.TokenView token(@PathVariable String id) {
        return tokens.find(id).orElseThrow(() -> ApiProblem.notFound("token", id));
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    TokenStore.TokenView revoke(@PathVariable String id, AuditContext context) {
        return tokens.revoke(id, context);
    }
}
