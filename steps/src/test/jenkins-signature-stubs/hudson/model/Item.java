// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Item.java
// (extends PersistenceRoot, SearchableModelObject, OnMaster in core as well: left out)
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission BUILD = null;
    Permission EXTENDED_READ = null;

    ItemGroup<? extends Item> getParent();

    String getFullName();

    Permission READ = null;
    Permission DISCOVER = null;
}
