// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/model/JenkinsLocationConfiguration.java
// (the tests only read and clear the Jenkins URL; the admin address, the checks and the constructor are left out)
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public class JenkinsLocationConfiguration extends GlobalConfiguration {
    private JenkinsLocationConfiguration() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static @NonNull JenkinsLocationConfiguration get() {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull String getUrl() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void setUrl(@CheckForNull String jenkinsUrl) {
        throw new UnsupportedOperationException("signature stub");
    }
}
