/**
 * The rollout state machine as pure functions: {@link dev.runway.rollouts.machine.Decider} turns a rollout
 * and what was observed into a {@link dev.runway.rollouts.machine.Decision}, {@link
 * dev.runway.rollouts.machine.Transitions} computes the state after a decision has been carried out, and
 * {@link dev.runway.rollouts.machine.Commands} does the same for a human's action. Nothing here touches the
 * database, the router or the clock: the reconciler passes {@code now} in and applies the result in one place.
 */
@DomainCore
package dev.runway.rollouts.machine;

import dev.runway.common.arch.DomainCore;
