// Signature stub: spotbugs/spotbugs spotbugs-annotations/src/main/java/edu/umd/cs/findbugs/annotations/CheckForNull.java
// (the JSR-305 meta-annotations are left out)
package edu.umd.cs.findbugs.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Documented
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE})
@Retention(RetentionPolicy.CLASS)
public @interface CheckForNull {
}
