// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("signature stub");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("signature stub");
    }
}
