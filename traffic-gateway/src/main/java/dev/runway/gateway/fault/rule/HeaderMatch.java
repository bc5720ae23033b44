package dev.runway.gateway.fault.rule;

/** Limits a fault to requests carrying header {@code name}, with exactly {@code value} when one is given. */
public record HeaderMatch(String name, String value) {
    public boolean matches(String requestValue) {
        return requestValue != null && (value == null || value.equals(requestValue));
    }
}
