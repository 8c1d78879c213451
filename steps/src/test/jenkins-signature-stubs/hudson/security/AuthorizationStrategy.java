// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/security/AuthorizationStrategy.java
// (extends AbstractDescribableImpl implements ExtensionPoint; abstract members left out: the tests only install one)
package hudson.security;

public abstract class AuthorizationStrategy {
    protected AuthorizationStrategy() {
        throw new UnsupportedOperationException("signature stub");
    }
}
