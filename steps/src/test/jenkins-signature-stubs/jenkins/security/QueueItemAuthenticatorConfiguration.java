// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/security/QueueItemAuthenticatorConfiguration.java
package jenkins.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.DescribableList;
import jenkins.model.GlobalConfiguration;

public class QueueItemAuthenticatorConfiguration extends GlobalConfiguration {
    public QueueItemAuthenticatorConfiguration() {
        throw new UnsupportedOperationException("signature stub");
    }

    public DescribableList<QueueItemAuthenticator, QueueItemAuthenticatorDescriptor> getAuthenticators() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static @NonNull QueueItemAuthenticatorConfiguration get() {
        throw new UnsupportedOperationException("signature stub");
    }
}
