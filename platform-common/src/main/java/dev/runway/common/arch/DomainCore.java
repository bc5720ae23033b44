package dev.runway.common.arch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package (in its {@code package-info.java}) as domain core: plain Java that decides, with no Spring,
 * JDBC or HTTP. The architecture tests enforce it, so the rules that matter most stay testable with plain
 * JUnit tables and portable to any edge.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface DomainCore {}
