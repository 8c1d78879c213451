// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ParameterDefinition.java
// (implements Describable, Serializable, ExtensionPoint; abstract members left out: the tests only construct
// StringParameterDefinition)
package hudson.model;

public abstract class ParameterDefinition {
    protected ParameterDefinition(String name) {
        throw new UnsupportedOperationException("signature stub");
    }
}
