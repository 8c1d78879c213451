// Signature stub: jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java
// (the constants' constructor arguments and the members left out)
package com.cloudbees.plugins.credentials;

public enum CredentialsScope {
    SYSTEM,
    GLOBAL,
    USER
}
