package io.usage4j.core.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: JDK collections only (no Guava), builders whose
 * {@code Optional} setters accept {@code null} as "absent" (mappers pass nullable DTO fields
 * straight through), no copy-on-write {@code with*} methods on the public API, and no
 * {@code @org.immutables.value.Generated} on generated classes: that annotation is absent at run
 * time and at our users' compile time, where javac would warn about it (fatal under -Werror).
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        jdkOnly = true,
        optionalAcceptNullable = true,
        defaults = @Value.Immutable(copy = false),
        typeImmutable = "Immutable*",
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        allowedClasspathAnnotations = {Override.class})
public @interface UsageStyle {}
