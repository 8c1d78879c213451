// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/slaves/ComputerLauncher.java
// (extends AbstractDescribableImpl implements ExtensionPoint; members left out: only Slave's constructor names it)
package hudson.slaves;

public abstract class ComputerLauncher {
    protected ComputerLauncher() {
        throw new UnsupportedOperationException("signature stub");
    }
}
