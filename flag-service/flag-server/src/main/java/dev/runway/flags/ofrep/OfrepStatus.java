package dev.runway.flags.ofrep;

import dev.runway.flags.engine.ErrorCode;

/** The HTTP status OFREP gives each evaluation error: a missing flag is 404, everything else 400. */
final class OfrepStatus {
    private OfrepStatus() {}

    static int of(ErrorCode code) {
        return code == ErrorCode.FLAG_NOT_FOUND ? 404 : 400;
    }
}
