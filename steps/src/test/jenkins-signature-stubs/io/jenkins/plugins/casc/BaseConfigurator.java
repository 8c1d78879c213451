// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/BaseConfigurator.java
// (the introspection members are left out; the abstract one and the configure step a subclass extends are kept)
package io.jenkins.plugins.casc;

import io.jenkins.plugins.casc.model.Mapping;

public abstract class BaseConfigurator<T> implements Configurator<T> {
    public BaseConfigurator() {
        throw new UnsupportedOperationException("signature stub");
    }

    protected abstract T instance(Mapping mapping, ConfigurationContext context) throws ConfiguratorException;

    protected void configure(Mapping config, T instance, boolean dryrun, ConfigurationContext context)
            throws ConfiguratorException {
        throw new UnsupportedOperationException("signature stub");
    }
}
