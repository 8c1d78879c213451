// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/FreeStyleBuild.java
package hudson.model;

import java.io.IOException;

public class FreeStyleBuild extends Build<FreeStyleProject, FreeStyleBuild> {
    public FreeStyleBuild(FreeStyleProject project) throws IOException {
        super(project);
        throw new UnsupportedOperationException("signature stub");
    }
}
