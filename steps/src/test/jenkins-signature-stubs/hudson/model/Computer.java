// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Computer.java
// (the real class extends Actionable and implements AccessControlled and more: left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.Permission;

public abstract class Computer {
    protected Computer(Node node) {
        throw new UnsupportedOperationException("signature stub");
    }

    @CheckForNull
    public Node getNode() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public String getName() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final Permission BUILD = constant();

    /** Stands in for the real constant's value: never null to an analyser, never readable at run time. */
    private static <T> T constant() {
        throw new UnsupportedOperationException("signature stub");
    }
}
