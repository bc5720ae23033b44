package dev.runway.api.intake;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CI intake: a deployment posted by a pipeline or the CLI, or a GitHub webhook, starts a rollout. */
@RestController
class IntakeController {
    /** The webhook acts as this actor; the reason names the person who pushed or merged. */
    static final String WEBHOOK_ACTOR = "github-webhook";

    private final RolloutStarter starter;
    private final WebhookSettings settings;
    private final JsonMapper json;

    IntakeController(RolloutStarter starter, WebhookSettings settings, JsonMapper json) {
        this.starter = starter;
        this.settings = settings;
        this.json = json;
    }

    @PostMapping("/api/v1/deployments")
    ResponseEntity<Deployment> deploy(@Valid @RequestBody Deployment.Request request, AuditContext context) {
        Deployment deployment = starter.start(request, "API", context);
        return ResponseEntity.created(URI.create(deployment.rolloutUrl())).body(deployment);
    }

    @GetMapping("/api/v1/deployments")
    List<Deployment> deployments(
            @RequestParam(required = false) String service, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiProblem.invalid("limit", "must be between 1 and 500");
        }
        return starter.list(service, limit);
    }

    @GetMapping("/api/v1/deployments/{id}")
    Deployment deployment(@PathVariable String id) {
        return starter.find(id).orElseThrow(() -> ApiProblem.notFound("deployment", id));
    }

    @PostMapping("/api/v1/webhooks/github")
    ResponseEntity<?> github(
            @RequestHeader(name = "X-GitHub-Event", required = false) String event,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        if (settings.githubSecret().isBlank()) {
            throw new ApiProblem(
                    503,
                    "webhook-not-configured",
                    "Webhook not configured",
                    "set PLATFORM_GITHUB_WEBHOOK_SECRET to the secret of the repository's webhook",
                    List.of());
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (!new GithubSignature(settings.githubSecret()).verifies(payload, signature)) {
            throw ApiProblem.unauthorized(
                    signature == null
                            ? "X-Hub-Signature-256 is missing: the webhook must be set up with the shared secret"
                            : "X-Hub-Signature-256 does not match the body: wrong secret or altered payload");
        }
        JsonNode document;
        try {
            document = json.readTree(payload);
        } catch (RuntimeException unreadable) {
            throw ApiProblem.invalid("body", "the payload is not JSON");
        }
        return switch (GithubEvents.read(event, document)) {
            case GithubEvents.Intent.Ignore(String why) -> ResponseEntity.ok(Map.of("started", false, "why", why));
            case GithubEvents.Intent.Deploy deploy -> {
                var context = new AuditContext(
                        new Actor(WEBHOOK_ACTOR, ActorKind.TOKEN), deploy.reason(), Set.of("deployer", "viewer"));
                String version = deploy.sha().length() > 12 ? deploy.sha().substring(0, 12) : deploy.sha();
                Deployment deployment = starter.start(
                        new Deployment.Request(
                                deploy.service(),
                                version,
                                deploy.repository() + "@" + deploy.sha(),
                                canaryUrl(deploy.service(), version, deploy.sha()),
                                deploy.sha(),
                                deploy.commitTime(),
                                null),
                        "GITHUB",
                        context);
                yield ResponseEntity.accepted()
                        .location(URI.create(deployment.rolloutUrl()))
                        .body(deployment);
            }
        };
    }

    private String canaryUrl(String service, String version, String sha) {
        if (settings.canaryUrlTemplate().isBlank()) {
            return null;
        }
        return settings.canaryUrlTemplate()
                .replace("{service}", service)
                .replace("{version}", version)
                .replace("{sha}", sha);
    }

    /** The controller refused the rollout (unknown service, frozen posture, ...): its problem, as it came. */
    @ExceptionHandler(RolloutStarter.Refused.class)
    ResponseEntity<String> refused(RolloutStarter.Refused refused) {
        var answer = refused.answer;
        return ResponseEntity.status(answer.status())
                .contentType(
                        answer.contentType().isEmpty()
                                ? MediaType.APPLICATION_PROBLEM_JSON
                                : MediaType.parseMediaType(answer.contentType()))
                .body(answer.body());
    }
}
