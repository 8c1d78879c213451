// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
