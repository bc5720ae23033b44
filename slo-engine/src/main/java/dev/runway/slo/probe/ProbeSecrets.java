package dev.runway.slo.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials a probe sends, held outside the database: each {@code ${secret:NAME}} in a header value
 * ({@code Bearer ${secret:SHOP_TOKEN}}) is replaced at run time by the environment variable {@code RUNWAY_SLO_SECRET_NAME}, or else by the file {@code NAME} in the secrets
 * directory ({@code runway.slo.probes.secrets-dir}, where a Kubernetes Secret would be mounted). The probe's
 * stored spec, its audit entries and its API answers carry only the reference.
 */
final class ProbeSecrets {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{secret:([A-Za-z0-9_]{1,64})}");
    static final String ENV_PREFIX = "RUNWAY_SLO_SECRET_";

    private final Map<String, String> environment;
    private final Path directory;

    ProbeSecrets(Map<String, String> environment, Path directory) {
        this.environment = environment;
        this.directory = directory;
    }

    /** The secrets a header value names, in order. */
    static java.util.List<String> referenced(String headerValue) {
        if (headerValue == null) {
            return java.util.List.of();
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = REFERENCE.matcher(headerValue);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The header value with every reference replaced, or the first secret it names that is not held. */
    sealed interface Resolved {
        record Value(String value) implements Resolved {}

        record Missing(String secret) implements Resolved {}
    }

    Resolved resolve(String headerValue) {
        Matcher m = REFERENCE.matcher(headerValue);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> secret = value(m.group(1));
            if (secret.isEmpty()) {
                return new Resolved.Missing(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(secret.get()));
        }
        m.appendTail(out);
        return new Resolved.Value(out.toString());
    }

    Optional<String> value(String name) {
        String fromEnvironment = environment.get(ENV_PREFIX + name);
        if (fromEnvironment != null) {
            return Optional.of(fromEnvironment);
        }
        if (directory == null) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Where an operator puts the secret, for error messages. */
    String where(String name) {
        return ENV_PREFIX + name + (directory == null ? "" : " or " + directory.resolve(name));
    }
}
