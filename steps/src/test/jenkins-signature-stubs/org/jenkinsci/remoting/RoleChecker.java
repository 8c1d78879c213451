// Signature stub: jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleChecker.java
// (members left out: the plugin never checks roles itself)
package org.jenkinsci.remoting;

public abstract class RoleChecker {
    protected RoleChecker() {
        throw new UnsupportedOperationException("signature stub");
    }
}
