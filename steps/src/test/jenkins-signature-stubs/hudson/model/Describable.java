// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Describable.java
// (getDescriptor() is a default method in current cores: 2.4xx and later)
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("signature stub");
    }
}
