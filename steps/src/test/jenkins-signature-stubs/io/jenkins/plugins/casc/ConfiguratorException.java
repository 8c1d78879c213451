// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/ConfiguratorException.java
// (@Restricted(Beta.class) in the real plugin: the plugin POM sets useBeta for it; the constructors taking an
// ElementConfigurator are left out)
package io.jenkins.plugins.casc;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;

public class ConfiguratorException extends IOException {
    public ConfiguratorException(@CheckForNull String message, @CheckForNull Throwable cause) {
        throw new UnsupportedOperationException("signature stub");
    }

    public ConfiguratorException(@CheckForNull String message) {
        throw new UnsupportedOperationException("signature stub");
    }
}
