// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java
package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind = null;

    private FormValidation() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("signature stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("signature stub");
    }
}
