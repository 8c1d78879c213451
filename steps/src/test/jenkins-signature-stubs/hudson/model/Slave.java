// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Slave.java
// (implements Serializable; other members left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.slaves.ComputerLauncher;
import java.io.IOException;

public abstract class Slave extends Node {
    protected Slave(@NonNull String name, String remoteFS, ComputerLauncher launcher)
            throws Descriptor.FormException, IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    @Override
    public String getNodeName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public FilePath getWorkspaceFor(TopLevelItem item) {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    @Override
    public FilePath getRootPath() {
        throw new UnsupportedOperationException("signature stub");
    }
}
