// Signature stub: jenkinsci/configuration-as-code-plugin plugin/src/main/java/io/jenkins/plugins/casc/model/Source.java
// (the file a node was read from, as its YamlSource names it: a path or a URL, and the 1-based line)
package io.jenkins.plugins.casc.model;

import java.io.Serializable;

public record Source(String file, int line) implements Serializable {
    public Source {
        throw new UnsupportedOperationException("signature stub");
    }
}
