package dev.pgdest.internal.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: generated classes stay package-private behind the
 * abstract value type, builders are strict (a field set twice is an error) and secrets print as a
 * mask.
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    strictBuilder = true,
    redactedMask = "****",
    defaults = @Value.Immutable(copy = true),
    get = {"get*", "is*"},
    validationMethod = Value.Style.ValidationMethod.NONE)
public @interface PgdestStyle {}
