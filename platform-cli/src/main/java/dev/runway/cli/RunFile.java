package dev.runway.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** What {@code up} started: the supervisor, each child's pid and URL; read by {@code status} and {@code down}. */
final class RunFile {
    private final Path file;

    RunFile(Path file) {
        this.file = file;
    }

    void write(long supervisorPid, Map<String, Long> pids, Map<String, String> urls) throws IOException {
        Properties props = new Properties();
        props.setProperty("supervisor.pid", String.valueOf(supervisorPid));
        pids.forEach((name, pid) -> props.setProperty("pid." + name, String.valueOf(pid)));
        urls.forEach((name, url) -> props.setProperty("url." + name, url));
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "written by ./platform up; removed by ./platform down");
        }
    }

    Optional<Properties> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        return Optional.of(props);
    }

    static Map<String, String> withPrefix(Properties props, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        props.stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix))
                .sorted()
                .forEach(key -> values.put(key.substring(prefix.length()), props.getProperty(key)));
        return values;
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
