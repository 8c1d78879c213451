// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Project.java
// (SCMTriggerItem, Saveable, ProjectWithMaven, BuildableItemWithBuildWrappers and other members left out)
package hudson.model;

import hudson.tasks.Builder;
import hudson.util.DescribableList;

public abstract class Project<P extends Project<P, B>, B extends Build<P, B>> extends AbstractProject<P, B> {
    protected Project(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("signature stub");
    }

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException("signature stub");
    }
}
