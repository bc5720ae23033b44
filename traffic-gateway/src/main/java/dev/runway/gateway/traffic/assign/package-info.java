/** Which version serves a request: rings, pinning, sticky buckets, and the draw for keyless requests. */
@DomainCore
package dev.runway.gateway.traffic.assign;

import dev.runway.common.arch.DomainCore;
