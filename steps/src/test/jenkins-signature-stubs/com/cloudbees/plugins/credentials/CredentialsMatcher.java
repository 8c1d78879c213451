// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
