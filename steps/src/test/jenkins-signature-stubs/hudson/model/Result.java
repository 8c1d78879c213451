// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Result.java
// (implements CustomExportedBean in core: left out)
package hudson.model;

import java.io.Serializable;

public final class Result implements Serializable {
    public static final Result SUCCESS = null;
    public static final Result UNSTABLE = null;
    public static final Result FAILURE = null;
    public static final Result NOT_BUILT = null;
    public static final Result ABORTED = null;

    private Result() {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean isWorseThan(Result that) {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean isBetterOrEqualTo(Result that) {
        throw new UnsupportedOperationException("signature stub");
    }
}
