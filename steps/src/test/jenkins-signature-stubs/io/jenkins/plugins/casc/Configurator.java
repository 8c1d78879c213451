// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/Configurator.java
// (extends ElementConfigurator in the real plugin: left out, with every member the plugin neither calls nor
// implements; BaseConfigurator implements the rest)
package io.jenkins.plugins.casc;

public interface Configurator<T> {
    Class<T> getTarget();

    default boolean canConfigure(Class clazz) {
        throw new UnsupportedOperationException("signature stub");
    }
}
