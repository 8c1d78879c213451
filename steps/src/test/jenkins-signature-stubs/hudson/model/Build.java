// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Build.java
package hudson.model;

import java.io.IOException;

public abstract class Build<P extends Project<P, B>, B extends Build<P, B>> extends AbstractBuild<P, B> {
    protected Build(P project) throws IOException {
        super(project);
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("signature stub");
    }
}
