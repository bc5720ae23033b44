package dev.runway.gateway.shadow.diff;

import java.util.Map;

/**
 * One answer kept for comparison.
 *
 * @param headers lower-case names to the first value; only the headers the route compares are needed
 * @param truncated the body was longer than the capture limit, so it is not compared
 */
public record CapturedResponse(int status, Map<String, String> headers, byte[] body, boolean truncated) {}
