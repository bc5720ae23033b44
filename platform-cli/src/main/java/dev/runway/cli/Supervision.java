package dev.runway.cli;

import java.io.IOException;

/** Ctrl-C, SIGTERM from ./platform down, or a failed start: whatever ends the runner stops what it started. */
final class Supervision {
    private Supervision() {}

    static void stopOnExit(Platform platform, Progress progress) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (platform.stop()) {
                                progress.say("Runway stopped.");
                            }
                        },
                        "platform-shutdown"));
    }

    /** Starts the platform; a failed start stops what it began before the error becomes the last word. */
    static void start(Platform platform) throws IOException {
        try {
            platform.start();
        } catch (RuntimeException | IOException failure) {
            platform.stop();
            throw failure;
        }
    }
}
