// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/security/QueueItemAuthenticatorDescriptor.java
package jenkins.security;

import hudson.model.Descriptor;

public abstract class QueueItemAuthenticatorDescriptor extends Descriptor<QueueItemAuthenticator> {
    protected QueueItemAuthenticatorDescriptor() {
        throw new UnsupportedOperationException("signature stub");
    }
}
