// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException("signature stub");
    }
}
