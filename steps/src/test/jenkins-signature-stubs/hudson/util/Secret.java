// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public final class Secret implements Serializable {
    private Secret() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException("signature stub");
    }
}
