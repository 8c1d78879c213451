// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/JobProperty.java
// (implements ReconfigurableDescribable, BuildStep, ExtensionPoint; members left out)
package hudson.model;

public abstract class JobProperty<J extends Job<?, ?>> {
    protected JobProperty() {
        throw new UnsupportedOperationException("signature stub");
    }
}
