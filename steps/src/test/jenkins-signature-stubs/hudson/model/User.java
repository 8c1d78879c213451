// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/User.java
// (extends AbstractModelObject implements AccessControlled and more: left out; impersonate2 also declares the
// unchecked UsernameNotFoundException)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

public class User {
    private User() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull Authentication impersonate2() {
        throw new UnsupportedOperationException("signature stub");
    }
}
