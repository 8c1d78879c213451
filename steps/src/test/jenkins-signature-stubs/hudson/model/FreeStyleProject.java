// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/FreeStyleProject.java
package hudson.model;

public class FreeStyleProject extends Project<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {
    public FreeStyleProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }
}
