// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AbstractProject.java
// (the type is only named by BuildStepDescriptor.isApplicable; its members and other supertypes are left out)
package hudson.model;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }
}
