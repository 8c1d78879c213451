// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/model/CNode.java
// (only the member the plugin calls; the type accessors are left out)
package io.jenkins.plugins.casc.model;

public interface CNode extends Cloneable {
    Source getSource();
}
