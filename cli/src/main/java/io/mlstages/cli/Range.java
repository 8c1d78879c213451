package io.mlstages.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a numeric or duration option accepts, both ends included, written as the user would write them
 * ({@code "1"}, {@code "65535"}, {@code "1ms"}, {@code "30d"}). {@link Converters#checkRanges} enforces it for
 * every option that carries it, and a test requires it on every such option, so a new option cannot forget it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Range {
    /** The smallest value accepted. */
    String min();

    /** The largest value accepted. */
    String max();
}
