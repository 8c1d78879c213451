// Signature stub: jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/WithJenkins.java
// (@ExtendWith(JenkinsExtension.class), which only drives JUnit at run time, left out)
package org.jvnet.hudson.test.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkins {
}
