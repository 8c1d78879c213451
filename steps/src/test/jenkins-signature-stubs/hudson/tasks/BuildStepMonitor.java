// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepMonitor.java
// (the constants' perform bodies are left out)
package hudson.tasks;

public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
