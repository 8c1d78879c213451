// Signature stub: jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockQueueItemAuthenticator.java
package org.jvnet.hudson.test;

import jenkins.security.QueueItemAuthenticator;
import org.springframework.security.core.Authentication;

public final class MockQueueItemAuthenticator extends QueueItemAuthenticator {
    public MockQueueItemAuthenticator() {
        throw new UnsupportedOperationException("signature stub");
    }

    public MockQueueItemAuthenticator authenticate(String jobFullName, Authentication authentication) {
        throw new UnsupportedOperationException("signature stub");
    }
}
