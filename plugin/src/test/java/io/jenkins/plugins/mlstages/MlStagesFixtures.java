package io.jenkins.plugins.mlstages;

import hudson.FilePath;
import hudson.model.Descriptor;
import hudson.model.Label;
import hudson.model.TopLevelItem;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the integration tests share: an agent with the label {@code ml}, the bundled real datasets copied into a job's
 * workspace on that agent, and a model registry folder that the agent reaches (the same machine stands in for a
 * shared volume).
 */
final class MlStagesFixtures {
    static final String LABEL = "ml";

    private MlStagesFixtures() {
    }

    /** The bundled datasets (test-resources/datasets at the repository root). */
    static Path datasets() {
        Path folder = Path.of(System.getProperty("mlstages.datasets", "../test-resources/datasets"));
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("The datasets folder " + folder.toAbsolutePath() + " does not exist");
        }
        return folder;
    }

    /** An online agent labelled {@code ml}. */
    static DumbSlave agent(final JenkinsRule j) throws Exception {
        return j.createOnlineSlave(Label.get(LABEL));
    }

    /** A new, empty registry folder, set as the global default. */
    static Path registry() throws IOException {
        Path registry = Files.createTempDirectory("mlstages-registry");
        MlStagesConfiguration.get().setRegistry(registry.toString());
        return registry;
    }

    /** Copies datasets into the job's workspace on the agent: pairs of (dataset file, path in the workspace). */
    static void copyIntoWorkspace(final DumbSlave agent, final TopLevelItem job, final String... pairs)
            throws IOException, InterruptedException {
        FilePath workspace = agent.getWorkspaceFor(job);
        if (workspace == null) {
            throw new IllegalStateException("The agent " + agent.getNodeName() + " is offline");
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            FilePath target = workspace.child(pairs[i + 1]);
            target.copyFrom(new FilePath(datasets().resolve(pairs[i]).toFile()));
        }
    }

    /**
     * A sandboxed pipeline job running {@code script}. CpsFlowDefinition's constructor declares FormException (it
     * checks the script approval).
     */
    static WorkflowJob pipeline(final JenkinsRule j, final String name, final String script)
            throws IOException, Descriptor.FormException {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
