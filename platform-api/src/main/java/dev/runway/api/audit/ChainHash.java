package dev.runway.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One link of the audit hash chain: {@code hash(n) = SHA-256(hash(n-1) || canonical(row n))}, hex. The
 * canonical form prefixes every field with its length, so that no two different rows encode alike (moving
 * text from one field to the next changes the encoding).
 */
final class ChainHash {
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    static String next(String previous, List<String> fields) {
        StringBuilder canonical = new StringBuilder(previous);
        for (String field : fields) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
