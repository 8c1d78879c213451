// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/StringParameterValue.java
package hudson.model;

public class StringParameterValue extends ParameterValue {
    public StringParameterValue(String name, String value) {
        super(name);
        throw new UnsupportedOperationException("signature stub");
    }

    public StringParameterValue(String name, String value, String description) {
        super(name);
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getValue() {
        throw new UnsupportedOperationException("signature stub");
    }
}
