// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/security/QueueItemAuthenticator.java
// (extends AbstractDescribableImpl implements ExtensionPoint; members left out)
package jenkins.security;

import hudson.model.Describable;

public abstract class QueueItemAuthenticator implements Describable<QueueItemAuthenticator> {
    protected QueueItemAuthenticator() {
        throw new UnsupportedOperationException("signature stub");
    }
}
