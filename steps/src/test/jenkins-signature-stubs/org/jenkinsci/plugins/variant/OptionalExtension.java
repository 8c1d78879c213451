// Signature stub: jenkinsci/variant-plugin src/main/java/org/jenkinsci/plugins/variant/OptionalExtension.java
// (the @Indexable meta-annotation is left out: SezPoz indexing, which -proc:none does not run anyway)
package org.jenkinsci.plugins.variant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface OptionalExtension {
    double ordinal() default 0;

    String[] requirePlugins() default {};

    Class[] requireClasses() default {};

    String[] requireVariants() default {};
}
