// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/slaves/DumbSlave.java
// (the tests get agents from JenkinsRule: its constructors are left out, a private one stands in)
package hudson.slaves;

import hudson.model.Slave;

public final class DumbSlave extends Slave {
    private DumbSlave() {
        super(null);
        throw new UnsupportedOperationException("signature stub");
    }
}
