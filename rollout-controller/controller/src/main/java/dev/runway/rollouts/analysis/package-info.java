/**
 * Analysis settings per service and their mapping onto the canary judge. Plain Java; the metrics
 * providers that feed the judge live in sub-packages at the edge.
 */
@DomainCore
package dev.runway.rollouts.analysis;

import dev.runway.common.arch.DomainCore;
