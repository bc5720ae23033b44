/** A domain-core package that breaks the rule on purpose, to prove the architecture test can fail. */
@DomainCore
package dev.runway.testkit.archfixture.core;

import dev.runway.common.arch.DomainCore;
