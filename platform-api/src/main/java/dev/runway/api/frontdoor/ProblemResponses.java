package dev.runway.api.frontdoor;

import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem document from a filter, where the MVC advice does not reach. */
@Component
public class ProblemResponses {
    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, String path, RuntimeException refusal) throws IOException {
        ProblemDetail problem =
                switch (refusal) {
                    case Gatekeeper.Forbidden forbidden -> forbidden.problem();
                    case ApiProblem api -> Problems.of(api);
                    default -> throw refusal;
                };
        problem.setInstance(URI.create(path));
        if (problem.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
