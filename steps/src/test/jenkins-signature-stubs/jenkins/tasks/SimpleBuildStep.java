// Signature stub: jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java
package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;
import java.util.Collection;

public interface SimpleBuildStep extends BuildStep {
    @Deprecated
    default void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull Launcher launcher,
            @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    default void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException("signature stub");
    }

    interface LastBuildAction extends Action {
        Collection<? extends Action> getProjectActions();
    }
}
