// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/model/Mapping.java
package io.jenkins.plugins.casc.model;

import java.util.HashMap;

public final class Mapping extends HashMap<String, CNode> implements CNode {
    public Mapping() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void put(String key, String value) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Source getSource() {
        throw new UnsupportedOperationException("signature stub");
    }
}
