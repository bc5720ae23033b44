/** Response comparison: field-level JSON diffs, ignore lists and noise cancellation. Plain Java. */
@DomainCore
package dev.runway.gateway.shadow.diff;

import dev.runway.common.arch.DomainCore;
