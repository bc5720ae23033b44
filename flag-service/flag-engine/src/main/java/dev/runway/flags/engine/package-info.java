/**
 * The flag evaluation engine: {@link dev.runway.flags.engine.RulesetValidator} checks a ruleset, {@link
 * dev.runway.flags.engine.FlagEngine} compiles and evaluates it, {@link dev.runway.flags.engine.Bucketing}
 * and {@link dev.runway.flags.engine.Splits} define how users are split. Everything else in this package is
 * the compiled form and stays package-private.
 */
package dev.runway.flags.engine;
