/**
 * Rollout strategies: the closed set of step types, the built-in strategies per posture and the validation
 * of a user-written strategy. Plain Java, tested with JUnit tables.
 */
@DomainCore
package dev.runway.rollouts.strategy;

import dev.runway.common.arch.DomainCore;
