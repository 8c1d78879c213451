// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/security/AbstractPasswordBasedSecurityRealm.java
// (implements UserDetailsService; abstract members left out)
package hudson.security;

public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {
    protected AbstractPasswordBasedSecurityRealm() {
        throw new UnsupportedOperationException("signature stub");
    }
}
