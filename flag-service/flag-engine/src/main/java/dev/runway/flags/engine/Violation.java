package dev.runway.flags.engine;

/**
 * One problem in a ruleset, precise enough for a 400 problem+json response.
 *
 * @param path where, in the ruleset's JSON shape: {@code flags[2].rules[0].conditions[1].operator}
 * @param code what kind of problem, for machines
 * @param message what is wrong, for people
 */
public record Violation(String path, ViolationCode code, String message) {}
