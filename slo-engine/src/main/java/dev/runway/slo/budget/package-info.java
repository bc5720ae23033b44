/**
 * Error-budget arithmetic and multi-window, multi-burn-rate alert rules: plain Java, worked examples in the
 * doc comments, tested with tables. Everything is event-weighted (total bad over total events), and no
 * traffic means "no data", never NaN and never a page.
 */
@DomainCore
package dev.runway.slo.budget;

import dev.runway.common.arch.DomainCore;
