// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/MasterToSlaveFileCallable.java
package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    private static final long serialVersionUID = 1L;

    protected MasterToSlaveFileCallable() {
        // an implicit constructor in core; nothing runs here, the stub is never instantiated
    }

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("signature stub");
    }
}
