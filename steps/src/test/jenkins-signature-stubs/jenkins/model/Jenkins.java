// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java
// (extends AbstractCIBase and implements many interfaces in core; only ItemGroup and AccessControlled, which the
// plugin relies on, are kept)
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import org.springframework.security.access.AccessDeniedException;
import hudson.security.AuthorizationStrategy;
import hudson.security.SecurityRealm;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = constant();

    private Jenkins() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type)
            throws AccessDeniedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public final <T extends Item> T getItem(String pathName, ItemGroup context, @NonNull Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }

    public final <T extends Item> T getItem(String pathName, Item context, Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final Permission READ = constant();

    public void setSecurityRealm(@CheckForNull SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("signature stub");
    }

    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        throw new UnsupportedOperationException("signature stub");
    }

    /** Stands in for the real constant's value: never null to an analyser, never readable at run time. */
    private static <T> T constant() {
        throw new UnsupportedOperationException("signature stub");
    }
}
