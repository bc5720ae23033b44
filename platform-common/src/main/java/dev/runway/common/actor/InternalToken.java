package dev.runway.common.actor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The shared secret of the platform's services, compared in constant time. */
public final class InternalToken {
    private final byte[] expected;

    public InternalToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the internal token is empty: set PLATFORM_INTERNAL_TOKEN");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
