/**
 * Capability metrics (DORA and the testing-in-production figures) and the maturity ladder: plain arithmetic
 * over what the platform observed, with no Spring, JDBC or HTTP.
 */
@DomainCore
package dev.runway.api.capability;

import dev.runway.common.arch.DomainCore;
