// Signature stub: jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/AncestorInPath.java
// (the @InjectedParameter meta-annotation and its nested HandlerImpl are left out: runtime machinery)
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {
}
