/** The routing table: which route a request belongs to and which version serves it. Plain Java. */
@DomainCore
package dev.runway.gateway.route.table;

import dev.runway.common.arch.DomainCore;
