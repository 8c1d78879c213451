// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ParameterValue.java
package hudson.model;

import java.io.Serializable;

public abstract class ParameterValue implements Serializable {
    protected ParameterValue(String name) {
        throw new UnsupportedOperationException("signature stub");
    }

    public Object getValue() {
        throw new UnsupportedOperationException("signature stub");
    }
}
