// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java
// (extends SerializableOnlyOverRemoting in core: left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;

public interface TaskListener {
    @NonNull
    PrintStream getLogger();
}
