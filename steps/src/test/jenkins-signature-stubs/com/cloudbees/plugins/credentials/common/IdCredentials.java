// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
