// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java
// (other interfaces of the real class left out; getParent() is raw in core, as here)
package hudson.model;

import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ItemGroup getParent() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("signature stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }
}
