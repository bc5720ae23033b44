package dev.runway.common.actor;

import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A client for another platform service's API: it always presents the internal token, and each call names
 * its actor and reason with {@code .headers(h -> context.writeHeaders(h::add))}, so the receiving service
 * audits the person who acted rather than the service that relayed the call.
 */
public final class InternalCalls {
    private InternalCalls() {}

    public static RestClient client(String baseUrl, String internalToken, Duration timeout) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .defaultHeader(RunwayHeaders.INTERNAL_TOKEN, internalToken)
                .build();
    }
}
