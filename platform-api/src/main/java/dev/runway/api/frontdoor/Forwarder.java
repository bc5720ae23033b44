package dev.runway.api.frontdoor;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.RunwayHeaders;
import dev.runway.common.config.RunwayProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * A streaming reverse proxy to the services: the request goes on with the internal token and the caller's
 * identity instead of the caller's credentials, and the answer streams back as it arrives (SSE included).
 */
@Component
class Forwarder {
    /** Request headers a service needs; credentials and hop-by-hop headers never pass. */
    private static final List<String> REQUEST_HEADERS = List.of(
            "Content-Type", "Accept", "Accept-Language", "If-Match", "If-None-Match", "Last-Event-ID", "Cache-Control");

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length");

    private final HttpClient http;
    private final PeerSettings settings;
    private final Peers peers;
    private final String internalToken;

    Forwarder(PeerSettings settings, Peers peers, RunwayProperties runway) {
        this.settings = settings;
        this.peers = peers;
        this.internalToken = runway.internalToken();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    void forward(Peer peer, HttpServletRequest request, byte[] body, AuditContext context, HttpServletResponse response)
            throws IOException {
        String query = request.getQueryString();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        URI target = URI.create(settings.baseUrl(peer) + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .method(
                        request.getMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean streaming = String.valueOf(request.getHeader("Accept")).contains("text/event-stream");
        if (!streaming) {
            builder.timeout(settings.timeout());
        }
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        builder.header(RunwayHeaders.INTERNAL_TOKEN, internalToken);
        context.writeHeaders(builder::header);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            throw peers.unavailable(peer, "connection refused");
        } catch (HttpTimeoutException slow) {
            throw peers.unavailable(peer, "no answer within " + settings.timeout());
        } catch (IOException broken) {
            throw peers.unavailable(peer, broken.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw peers.unavailable(peer, "interrupted");
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        try (InputStream in = answer.body()) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                if (streaming) {
                    out.flush();
                }
            }
            out.flush();
        }
    }
}
