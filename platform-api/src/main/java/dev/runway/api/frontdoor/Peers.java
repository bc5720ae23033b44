package dev.runway.api.frontdoor;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalCalls;
import dev.runway.common.config.RunwayProperties;
import dev.runway.common.problem.ApiProblem;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Calls from the front door's own code (ownership checks, CI intake, the console) to the services, with the
 * internal token and the acting person's identity. A service that cannot be reached is a 503 naming it.
 */
@Component
public class Peers {
    private final Map<Peer, RestClient> clients = new EnumMap<>(Peer.class);
    private final PeerSettings settings;

    Peers(PeerSettings settings, RunwayProperties runway) {
        this.settings = settings;
        for (Peer peer : Peer.values()) {
            if (peer != Peer.PLATFORM_API) {
                clients.put(
                        peer,
                        InternalCalls.client(
                                settings.baseUrl(peer).toString(), runway.internalToken(), settings.timeout()));
            }
        }
    }

    public String baseUrl(Peer peer) {
        return settings.baseUrl(peer).toString();
    }

    /** GET a JSON document; empty when the service answers 404. */
    public Optional<JsonNode> find(Peer peer, String path, AuditContext context) {
        return call(peer, client -> {
            try {
                return Optional.ofNullable(client.get()
                        .uri(path)
                        .headers(h -> context.writeHeaders(h::add))
                        .retrieve()
                        .body(JsonNode.class));
            } catch (HttpClientErrorException.NotFound missing) {
                return Optional.empty();
            }
        });
    }

    /** GET a JSON document that must exist; a missing one is an empty node. */
    public JsonNode get(Peer peer, String path, AuditContext context) {
        return find(peer, path, context).orElse(tools.jackson.databind.node.MissingNode.getInstance());
    }

    /** The answer of a write, whatever its status: the caller decides what a refusal means. */
    public record Answer(int status, String contentType, String body, String location) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer send(Peer peer, String method, String path, Object body, AuditContext context) {
        return call(peer, client -> {
            var request = client.method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri(path)
                    .headers(h -> context.writeHeaders(h::add));
            if (body != null) {
                request = request.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .body(body);
            }
            return request.exchange((req, res) -> {
                HttpStatusCode status = res.getStatusCode();
                String text = new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                var type = res.getHeaders().getContentType();
                return new Answer(
                        status.value(),
                        type == null ? "" : type.toString(),
                        text,
                        res.getHeaders().getFirst("Location"));
            });
        });
    }

    private <T> T call(Peer peer, Function<RestClient, T> call) {
        try {
            return call.apply(clients.get(peer));
        } catch (ResourceAccessException unreachable) {
            throw unavailable(peer, unreachable.getMostSpecificCause().toString());
        } catch (RestClientException | IllegalArgumentException odd) {
            // an answer that is not what the API promises (an error status, a body that is not JSON) is the
            // service's fault, not the caller's: a 502 naming it, never a bare 500
            throw new ApiProblem(
                    502,
                    "bad-gateway",
                    "Bad gateway",
                    peer.serviceName() + " gave an unexpected answer: " + odd.getMessage(),
                    List.of());
        }
    }

    public ApiProblem unavailable(Peer peer, String cause) {
        return new ApiProblem(
                503,
                "service-unavailable",
                "Service unavailable",
                peer.serviceName() + " cannot be reached at " + baseUrl(peer) + " (" + cause
                        + "); nothing was changed there, retry shortly",
                List.of());
    }
}
