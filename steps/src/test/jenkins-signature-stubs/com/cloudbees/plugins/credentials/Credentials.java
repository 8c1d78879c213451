// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java
// (extends Describable<Credentials> as well; members left out: the plugin implements no credential)
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public interface Credentials extends Serializable {
}
