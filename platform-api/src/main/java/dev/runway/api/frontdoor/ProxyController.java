package dev.runway.api.frontdoor;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything under {@code /api/} that platform-api does not answer itself goes to the service the route table
 * names. Spring MVC prefers any more specific mapping, so platform-api's own handlers win.
 */
@RestController
class ProxyController {
    private final Forwarder forwarder;
    private final OpenApiMerger openApi;

    ProxyController(Forwarder forwarder, OpenApiMerger openApi) {
        this.forwarder = forwarder;
        this.openApi = openApi;
    }

    /** The merged OpenAPI document of the whole public API. */
    @org.springframework.web.bind.annotation.GetMapping(path = "/api/v1/openapi", produces = "application/json")
    tools.jackson.databind.node.ObjectNode openApi(AuditContext context) {
        return openApi.merged(context);
    }

    @RequestMapping("/api/**")
    void forward(HttpServletRequest request, HttpServletResponse response, AuditContext context) throws IOException {
        var match = (RouteTable.Match) request.getAttribute(FrontDoorFilter.MATCH_ATTRIBUTE);
        var body = (BufferedRequest) request.getAttribute(FrontDoorFilter.BODY_ATTRIBUTE);
        if (match == null || match.route().peer() == Peer.PLATFORM_API) {
            throw new ApiProblem(
                    404,
                    "not-found",
                    "Not found",
                    "the public API has no " + request.getMethod() + " " + request.getRequestURI(),
                    List.of());
        }
        forwarder.forward(match.route().peer(), request, body.body(), context, response);
    }
}
