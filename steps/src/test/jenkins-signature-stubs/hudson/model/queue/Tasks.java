// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/queue/Tasks.java
package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    public Tasks() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static @NonNull Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException("signature stub");
    }
}
