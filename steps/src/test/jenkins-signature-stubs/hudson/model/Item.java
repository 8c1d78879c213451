// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Item.java
// (extends PersistenceRoot, SearchableModelObject, OnMaster in core as well: left out)
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission CONFIGURE = constant();
    Permission BUILD = constant();
    Permission EXTENDED_READ = constant();

    ItemGroup<? extends Item> getParent();

    String getFullName();

    Permission READ = constant();
    Permission DISCOVER = constant();

    /** Stands in for the real constant's value: never null to an analyser, never readable at run time. */
    private static <T> T constant() {
        throw new UnsupportedOperationException("signature stub");
    }
}
