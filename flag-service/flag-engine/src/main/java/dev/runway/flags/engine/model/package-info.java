/**
 * The ruleset as the server stores and ships it: immutable records and two sealed interfaces, free of any
 * framework so that the server, the SDK and tools can all map it from JSON their own way.
 */
package dev.runway.flags.engine.model;
