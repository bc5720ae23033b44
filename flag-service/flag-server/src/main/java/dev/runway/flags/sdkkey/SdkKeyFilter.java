package dev.runway.flags.sdkkey;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The evaluation side (OFREP and the SDK ruleset and stream) takes SDK keys, never management tokens: a
 * key shipped inside an application can read one environment's flags and do nothing else. The key comes as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, the two forms OFREP providers send.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SdkKeyFilter extends OncePerRequestFilter {
    private static final String ENVIRONMENT = SdkKeyFilter.class.getName() + ".environment";

    private final SdkKeys keys;

    SdkKeyFilter(SdkKeys keys) {
        this.keys = keys;
    }

    /** The environment the request's SDK key reads; set for every request that passed this filter. */
    public static String environment(HttpServletRequest request) {
        return (String) request.getAttribute(ENVIRONMENT);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/ofrep/") || path.startsWith("/sdk/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> environment = keys.environmentOf(secret(request));
        if (environment.isEmpty()) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType("application/json");
            response.getOutputStream()
                    .write("{\"errorCode\":\"GENERAL\",\"errorDetails\":\"a valid SDK key is required\"}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(ENVIRONMENT, environment.get());
        chain.doFilter(request, response);
    }

    private static String secret(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return request.getHeader("X-API-Key");
    }
}
