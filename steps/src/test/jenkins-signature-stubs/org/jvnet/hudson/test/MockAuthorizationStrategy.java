// Signature stub: jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/MockAuthorizationStrategy.java
// (the abstract members of AuthorizationStrategy are left out with it: the tests construct it, never extend it)
package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("signature stub");
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("signature stub");
    }

    public class Grant {
        private Grant() {
            throw new UnsupportedOperationException("signature stub");
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("signature stub");
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException("signature stub");
        }

        public class GrantOn {
            private GrantOn() {
                throw new UnsupportedOperationException("signature stub");
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("signature stub");
            }
        }
    }
}
