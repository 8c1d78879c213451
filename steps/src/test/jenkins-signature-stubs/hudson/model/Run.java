// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Run.java
// (Comparable, AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster, StaplerProxy left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;
import java.util.Calendar;
import java.util.List;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint {
    protected Run(@NonNull JobT job) throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public JobT getParent() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public File getRootDir() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("signature stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("signature stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull Calendar getTimestamp() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @NonNull List<Cause> getCauses() {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }
}
