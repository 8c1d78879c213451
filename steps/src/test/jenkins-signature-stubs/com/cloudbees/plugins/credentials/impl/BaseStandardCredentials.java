// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java
// (extends BaseCredentials: left out)
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class BaseStandardCredentials implements StandardCredentials {
    public BaseStandardCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    @Override
    public String getId() {
        throw new UnsupportedOperationException("signature stub");
    }
}
