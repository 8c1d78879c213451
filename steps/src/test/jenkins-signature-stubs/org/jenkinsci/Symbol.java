// Signature stub: jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java
// (the @Indexed meta-annotation is left out: an index for runtime lookup)
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
