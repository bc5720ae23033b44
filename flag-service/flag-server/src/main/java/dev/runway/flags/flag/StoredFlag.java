package dev.runway.flags.flag;

import dev.runway.flags.ruleset.FlagDocument;

/**
 * A flag's current document and its version number (the number to name when restoring).
 *
 * @param version the version this document is
 * @param flag the document
 */
record StoredFlag(int version, FlagDocument flag) {}
