// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/StringParameterDefinition.java
// (extends SimpleParameterDefinition, a ParameterDefinition: the step between left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public class StringParameterDefinition extends ParameterDefinition {
    public StringParameterDefinition(@NonNull String name, @CheckForNull String defaultValue) {
        super(name);
        throw new UnsupportedOperationException("signature stub");
    }
}
