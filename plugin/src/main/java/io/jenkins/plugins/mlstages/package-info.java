/**
 * The Jenkins face of ML Stages: the pipeline steps ({@code trainModel}, {@code validateModel}, {@code deployModel},
 * {@code checkDrift}), the freestyle drift-check build step, the drift report on the build page, the retrain trigger
 * and the global settings.
 *
 * <p>This package holds no ML code. Every step hands its parameter values to {@link io.jenkins.plugins.mlstages.StepRunner},
 * which runs the engine (the command-line jar, bundled as a resource) in a child JVM on the agent and reads its JSON
 * result back through {@code io.mlstages.steps}. Only JDK types and classes of this package cross remoting or are
 * saved in build.xml.</p>
 */
package io.jenkins.plugins.mlstages;
