// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractBuild.java
// (LazyLoadingRun and the members left out)
package hudson.model;

import java.io.IOException;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R>
        implements Queue.Executable {
    protected AbstractBuild(P job) throws IOException {
        super(job);
        throw new UnsupportedOperationException("signature stub");
    }
}
