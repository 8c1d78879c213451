// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/ConfigurationContext.java
// (named only as a parameter type; implements ConfiguratorRegistry in the real plugin, and its public constructor takes
// one, which the plugin never builds: a private one stands in)
package io.jenkins.plugins.casc;

public class ConfigurationContext {
    private ConfigurationContext() {
        throw new UnsupportedOperationException("signature stub");
    }
}
