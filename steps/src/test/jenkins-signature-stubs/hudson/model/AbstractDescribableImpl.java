// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java
package hudson.model;

// (deprecated in core: Describable has a default getDescriptor() now)
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("signature stub");
    }
}
