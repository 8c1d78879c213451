// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Cause.java
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Cause {
    protected Cause() {
        throw new UnsupportedOperationException("signature stub");
    }

    public abstract String getShortDescription();

    public static class UpstreamCause extends Cause {
        public UpstreamCause(@NonNull Run<?, ?> up) {
            throw new UnsupportedOperationException("signature stub");
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("signature stub");
        }

        public String getUpstreamProject() {
            throw new UnsupportedOperationException("signature stub");
        }

        public int getUpstreamBuild() {
            throw new UnsupportedOperationException("signature stub");
        }
    }
}
