/** Latency histograms over fixed bounds and the summaries the query API returns. Plain Java. */
@DomainCore
package dev.runway.gateway.metrics.histogram;

import dev.runway.common.arch.DomainCore;
