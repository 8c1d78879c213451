// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Node.java
// (the real class extends AbstractModelObject and implements several interfaces: left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Node {
    protected Node() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public abstract FilePath getRootPath();

    @NonNull
    public abstract String getNodeName();
}
