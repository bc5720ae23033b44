/** Faults: what may be injected, into which requests, until when. Plain Java. */
@DomainCore
package dev.runway.gateway.fault.rule;

import dev.runway.common.arch.DomainCore;
