package dev.runway.gateway.shadow;

import dev.runway.gateway.shadow.diff.CapturedResponse;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The primary's response on its way to the caller, with a bounded copy of its body kept for the comparison.
 * The copy is taken as each chunk passes; the caller's bytes are neither held back nor changed.
 */
public final class CapturingResponse extends ServerHttpResponseDecorator {
    private final BoundedBytes body;

    CapturingResponse(ServerHttpResponse delegate, int limit) {
        super(delegate);
        this.body = new BoundedBytes(limit);
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> chunks) {
        return super.writeWith(Flux.from(chunks).doOnNext(this::copy));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> chunks) {
        // A streamed answer has no end to compare; mark it so that only status and headers are compared.
        body.markTruncated();
        return super.writeAndFlushWith(chunks);
    }

    private void copy(DataBuffer buffer) {
        int length = buffer.readableByteCount();
        if (length == 0) {
            return;
        }
        ByteBuffer target = ByteBuffer.allocate(length);
        buffer.toByteBuffer(buffer.readPosition(), target, 0, length);
        body.add(target.array(), 0, length);
    }

    /** What the caller received, with the headers the route compares. */
    CapturedResponse captured(List<String> headers) {
        Map<String, String> kept = new HashMap<>();
        for (String header : headers) {
            String value = getHeaders().getFirst(header);
            if (value != null) {
                kept.put(header.toLowerCase(Locale.ROOT), value);
            }
        }
        int status = getStatusCode() == null ? 200 : getStatusCode().value();
        return new CapturedResponse(status, kept, body.bytes(), body.truncated());
    }
}
