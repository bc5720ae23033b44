package dev.runway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The git-ignored {@code .platform/} folder: database files, logs, generated secrets and what is running.
 * Everything a restart needs to find again lives here, so {@code up} after {@code down} sees the same data.
 */
final class LocalState {
    private final Path root;

    LocalState(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path databaseFiles() {
        return root.resolve("pgdata");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path log(String name) {
        return logs().resolve(name + ".log");
    }

    Path runFile() {
        return root.resolve("run.properties");
    }

    Path adminTokenFile() {
        return root.resolve("admin-token");
    }

    void prepare() throws IOException {
        Files.createDirectories(logs());
    }

    /** A secret generated once and kept, so that restarts keep tokens and the database password valid. */
    String secret(String name) throws IOException {
        Path file = root.resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Files.writeString(file, secret + "\n");
        restrict(file);
        return secret;
    }

    Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own permissions have to do
        }
    }
}
