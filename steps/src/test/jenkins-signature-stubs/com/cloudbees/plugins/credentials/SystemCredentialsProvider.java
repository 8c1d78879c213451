// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java
// (extends AbstractDescribableImpl implements Saveable: left out)
package com.cloudbees.plugins.credentials;

import java.io.IOException;
import java.util.List;

public class SystemCredentialsProvider {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("signature stub");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }
}
