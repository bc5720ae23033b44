package dev.runway.gateway.traffic;

import dev.runway.gateway.traffic.assign.RequestView;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** A request as the assignment rules see it. */
record ExchangeView(ServerHttpRequest request) implements RequestView {
    @Override
    public String header(String name) {
        return request.getHeaders().getFirst(name);
    }

    @Override
    public String cookie(String name) {
        HttpCookie cookie = request.getCookies().getFirst(name);
        return cookie == null ? null : cookie.getValue();
    }
}
