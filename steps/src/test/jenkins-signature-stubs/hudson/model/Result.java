// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Result.java
// (implements CustomExportedBean in core: left out)
package hudson.model;

import java.io.Serializable;
import edu.umd.cs.findbugs.annotations.NonNull;

public final class Result implements Serializable {
    public static final Result UNSTABLE = constant();

    private Result() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final @NonNull Result SUCCESS = constant();
    public static final @NonNull Result FAILURE = constant();

    /** Stands in for the real constant's value: never null to an analyser, never readable at run time. */
    private static <T> T constant() {
        throw new UnsupportedOperationException("signature stub");
    }
}
