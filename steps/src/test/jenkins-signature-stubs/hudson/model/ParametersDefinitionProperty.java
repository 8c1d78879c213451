// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ParametersDefinitionProperty.java
// (extends OptionalJobProperty<Job<?, ?>>, a JobProperty<Job<?, ?>>: the step between left out; Action left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

public class ParametersDefinitionProperty extends JobProperty<Job<?, ?>> {
    public ParametersDefinitionProperty(@NonNull List<ParameterDefinition> parameterDefinitions) {
        throw new UnsupportedOperationException("signature stub");
    }
}
