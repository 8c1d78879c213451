// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Result.java
// (implements CustomExportedBean in core: left out)
package hudson.model;

import java.io.Serializable;
import edu.umd.cs.findbugs.annotations.NonNull;

public final class Result implements Serializable {
    public static final Result UNSTABLE = null;

    private Result() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final @NonNull Result SUCCESS = null;
    public static final @NonNull Result FAILURE = null;
}
