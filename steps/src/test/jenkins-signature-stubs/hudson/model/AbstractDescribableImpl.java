// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractDescribableImpl.java
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("signature stub");
    }
}
