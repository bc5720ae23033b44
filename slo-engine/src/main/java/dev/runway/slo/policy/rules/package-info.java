/**
 * The error-budget policy rules: how much risk a service may take, decided from its budget remaining. Plain
 * Java, checked by the architecture test.
 */
@DomainCore
package dev.runway.slo.policy.rules;

import dev.runway.common.arch.DomainCore;
