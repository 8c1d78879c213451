// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/security/SecurityRealm.java
// (extends AbstractDescribableImpl implements ExtensionPoint; abstract members left out: the tests only install one)
package hudson.security;

public abstract class SecurityRealm {
    protected SecurityRealm() {
        throw new UnsupportedOperationException("signature stub");
    }
}
