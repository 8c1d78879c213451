// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = constant();

    /** Stands in for the real constant's value: never null to an analyser, never readable at run time. */
    private static <T> T constant() {
        throw new UnsupportedOperationException("signature stub");
    }
}
