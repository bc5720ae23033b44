/**
 * What a flag looks like to its owners (one document with every environment's targeting) and how the
 * stored documents become one {@code Ruleset} per environment for the engine. Plain Java: the rules for
 * assembling and for reporting violations against the document a user sent are tested with tables.
 */
@DomainCore
package dev.runway.flags.ruleset;

import dev.runway.common.arch.DomainCore;
