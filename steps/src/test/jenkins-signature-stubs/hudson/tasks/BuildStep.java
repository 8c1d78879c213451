// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStep.java
// (the AbstractBuild-based prebuild/perform/getProjectAction(s) methods are left out: Builder implements them in
// core, and the plugin overrides none of them)
package hudson.tasks;

public interface BuildStep {
    BuildStepMonitor getRequiredMonitorService();
}
