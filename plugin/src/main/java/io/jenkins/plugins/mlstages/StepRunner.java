package io.jenkins.plugins.mlstages;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.console.HyperlinkNote;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.mlstages.steps.ChildJvm;
import io.mlstages.steps.DeploymentSummary;
import io.mlstages.steps.EngineFailure;
import io.mlstages.steps.EngineOutput;
import io.mlstages.steps.Invocation;
import io.mlstages.steps.Outcome;
import io.mlstages.steps.ReportLink;
import io.mlstages.steps.StepCatalog;
import io.mlstages.steps.StepException;
import io.mlstages.steps.StepMessages;
import io.mlstages.steps.StepPlan;
import io.mlstages.steps.StepResults;
import io.mlstages.steps.StepSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The one code path of every ML step and of the freestyle build step: resolve the global defaults, check the registry
 * and the current data on the agent, run the engine in a child JVM there, read its JSON result back, record the drift
 * report, the validation report or the deployment on the build page, trigger a retrain, and turn the outcome into the
 * build's result.
 *
 * <p>Everything about parameters, command lines and result fields is decided by {@code io.mlstages.steps}; this
 * class only moves files and processes through Jenkins.</p>
 */
final class StepRunner {
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;
    private final EnvVars environment;
    @CheckForNull
    private final FlowNode flowNode;

    StepRunner(final Run<?, ?> run, final FilePath workspace, final Launcher launcher, final TaskListener listener,
            final EnvVars environment, @CheckForNull final FlowNode flowNode) {
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
        this.environment = environment;
        this.flowNode = flowNode;
    }

    /** The runner of a pipeline step, from its context. */
    static StepRunner of(final StepContext context) throws IOException, InterruptedException {
        return new StepRunner(required(context, Run.class), required(context, FilePath.class),
                required(context, Launcher.class), required(context, TaskListener.class),
                required(context, EnvVars.class), context.get(FlowNode.class));
    }

    private static <T> T required(final StepContext context, final Class<T> key)
            throws IOException, InterruptedException {
        T value = context.get(key);
        if (value == null) {
            throw new AbortException(Messages.StepRunner_NeedsContext(key.getSimpleName()));
        }
        return value;
    }

    /**
     * Runs a step.
     *
     * @param functionName the step's name in the catalog
     * @param given        the parameter values the user gave (unset ones null)
     * @return the step's result map (JDK types only)
     * @throws AbortException when the step fails the build: bad input, an error, or a finding with FAIL
     */
    LinkedHashMap<String, Object> run(final String functionName, final Map<String, Object> given)
            throws IOException, InterruptedException {
        MlStagesConfiguration settings = MlStagesConfiguration.get();
        StepPlan plan;
        try {
            plan = StepPlan.of(functionName, given, new StepPlan.Defaults(settings.getRegistry(),
                    settings.getDriftShare(), settings.getAlpha(), settings.getCoolDown()), run.getNumber(),
                    UUID.randomUUID().toString().substring(0, 8));
        }
        catch (StepException e) {
            throw new AbortException(e.getMessage());
        }
        StepSpec step = plan.step();
        PrintStream log = listener.getLogger();

        String registry = plan.registry();
        if (plan.needsRegistry()) {
            checkRegistry(step, registry);
        }
        List<String> currentFiles = plan.readsCurrentData() ? expandCurrent(step, plan.value("current")) : List.of();

        String workFolder = plan.workFolder();
        boolean drift = plan.isDriftCheck();
        String reportId = drift ? DriftAction.nextId(run) : null;
        ReportLink reportLink = drift ? DriftAction.link(run, reportId) : null;
        String reportUrl = reportLink == null ? null : reportLink.value();

        Invocation invocation;
        try {
            invocation = plan.invocation(currentFiles);
        }
        catch (StepException e) {
            throw new AbortException(e.getMessage());
        }

        Map<String, String> childEnvironment = new HashMap<>(environment);
        // the invocation names each secret's variable and credentials id; only the child's environment sees the value
        for (Map.Entry<String, String> secret : invocation.environment().entrySet()) {
            if (Invocation.AWS_KEY_VARIABLE.equals(secret.getKey())) {
                awsKeys(secret.getValue(), childEnvironment);
            }
            else {
                childEnvironment.put(secret.getKey(), secret(secret.getValue(), secret.getKey()));
            }
        }

        Finished engine = launch(invocation.arguments(), workFolder, childEnvironment, settings);
        int exitCode = engine.exitCode();
        Outcome outcome = plan.outcome(exitCode);
        String resultJson = outcome == Outcome.ERROR ? null
                : readIfPresent(workspace.child(plan.locate(invocation.resultFile())));
        if (resultJson == null || resultJson.isBlank()) {
            // bad input, an internal error, or a crash (no result): the exit code and the engine's last word
            throw new AbortException(StepMessages.forStep(functionName,
                    EngineFailure.describe(invocation.command(), exitCode, engine.lastLine())));
        }
        LinkedHashMap<String, Object> result;
        try {
            result = StepResults.read(step, invocation, exitCode, plan.onFinding(), resultJson, reportUrl);
        }
        catch (StepException e) {
            throw new AbortException(StepMessages.forStep(functionName, e.getMessage()));
        }

        if (drift) {
            String retrainJob = plan.value("retrainJob");
            // a reference-only check has nothing to do with retraining: neither the log nor the page mentions it
            boolean retraining = plan.concernsRetraining();
            RetrainTrigger.Decision retrain = new RetrainTrigger(run, listener)
                    .trigger(result, retrainJob, reportLink, retraining);
            result.put("retrainTriggered", retrain.triggered());
            result.put("retrainNote", retrain.note());
            if (retrain.triggered() != null) {
                if (markRetraining(result, registry, retrain.note(), settings)) {
                    StepResults.retrainRequested(result, true);
                }
            }
            else if (StepValues.text(result.get("retrainRequestedAt")) != null) {
                if (withdrawRetraining(result, registry, settings)) {
                    StepResults.retrainRequested(result, false);
                }
            }
            DriftAction action = DriftAction.record(run, workspace, reportId, result, retrain, retraining);
            log.println(action != null ? Messages.StepRunner_DriftReport(link(Objects.requireNonNull(reportLink)))
                    : StepMessages.forStep(functionName, Messages.StepRunner_NoDriftReport()));
        }

        if (plan.isValidation()) {
            String id = ModelAction.nextValidationId(run);
            ModelAction action = ModelAction.recordValidation(run, workspace, id, result, plan.value("model"));
            log.println(action != null ? Messages.StepRunner_ValidationReport(link(ModelAction.link(run, id)))
                    : StepMessages.forStep(functionName, Messages.StepRunner_NoValidationReport()));
        }
        else if (plan.isDeployment()) {
            ModelAction action = ModelAction.recordDeployment(run, result, skippedGates(plan.value("package")));
            if (action != null && action.isForced()) {
                log.println(StepMessages.forStep(functionName, action.getForcedNote()));
            }
        }

        // the incident timeline of the build page: what this step did to an incident, kept before a FAIL ends the build
        IncidentAction.record(run, functionName, result);
        applyOutcome(step, outcome, result);
        return result;
    }

    /**
     * A console hyperlink to a report page: Jenkins adds its context path when it shows the log, so the link works
     * under {@code /jenkins} even when no root URL is configured.
     */
    private static String link(final ReportLink reportLink) {
        return HyperlinkNote.encodeTo(reportLink.consoleHref(), reportLink.consoleText());
    }

    /** The gates a forced deployment of this package skipped: those that failed in this build's validation of it. */
    private List<String> skippedGates(@CheckForNull final String packagePath) {
        List<Map.Entry<String, List<String>>> validations = new ArrayList<>();
        for (ModelAction action : run.getActions(ModelAction.class)) {
            if (action.isValidation() && action.getLocation() != null) {
                validations.add(Map.entry(action.getLocation(), action.getFailedGates()));
            }
        }
        return DeploymentSummary.skippedGates(packagePath, validations);
    }

    /** The registry must exist on this agent: agents do not share a disk unless a shared volume is mounted. */
    private void checkRegistry(final StepSpec step, @CheckForNull final String registry)
            throws IOException, InterruptedException {
        if (registry == null) {
            throw new AbortException(Messages.StepRunner_NeedsRegistry(step.functionName()));
        }
        // an s3:// registry needs no shared volume: the engine reaches it and names it when it cannot
        if (!StepPlan.isObjectStore(registry) && !workspace.child(registry).isDirectory()) {
            throw new AbortException(Messages.StepRunner_NoRegistryFolder(registry, nodeName()));
        }
    }

    /** The files the current data pattern matches on the agent, sorted, relative to the workspace. */
    private List<String> expandCurrent(final StepSpec step, @CheckForNull final String pattern)
            throws IOException, InterruptedException {
        if (pattern == null) {
            throw new AbortException(StepMessages.forStep(step.functionName(), Messages.StepRunner_CurrentRequired()));
        }
        if (StepPlan.isObjectStore(pattern)) {
            return List.of(pattern);
        }
        if (StepPlan.isAbsolute(pattern)) {
            if (!workspace.child(pattern).exists()) {
                throw new AbortException(StepMessages.forStep(step.functionName(),
                        Messages.StepRunner_NoSuchFile(pattern, nodeName())));
            }
            return List.of(pattern);
        }
        FilePath[] matches = workspace.list(pattern);
        if (matches.length == 0) {
            throw new AbortException(StepMessages.forStep(step.functionName(),
                    Messages.StepRunner_NoMatch(pattern, nodeName())));
        }
        List<String> paths = new ArrayList<>();
        for (FilePath match : matches) {
            paths.add(match.getRemote());
        }
        return StepPlan.relativeToWorkspace(workspace.getRemote(), paths);
    }

    /** The value of a secret-text credential, for the child's environment only; secrets never go on a command line. */
    private String secret(final String credentialsId, final String variable) throws AbortException {
        StringCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class,
                run);
        if (credentials == null) {
            String parameter = Invocation.WEBHOOK_TOKEN_VARIABLE.equals(variable) ? "webhookCredentialsId"
                    : "credentialsId";
            throw new AbortException(Messages.StepRunner_NoCredential(credentialsId, parameter));
        }
        return credentials.getSecret().getPlainText();
    }

    /**
     * The AWS key pair of a username-with-password credential (access key id as user name, secret access key as
     * password), into the child's environment only, where the SDK's default credential chain reads it.
     */
    private void awsKeys(final String credentialsId, final Map<String, String> childEnvironment)
            throws AbortException {
        StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(Messages.StepRunner_NoCredential(credentialsId, "awsCredentialsId"));
        }
        childEnvironment.put(Invocation.AWS_KEY_VARIABLE, credentials.getUsername());
        childEnvironment.put(Invocation.AWS_SECRET_VARIABLE, credentials.getPassword().getPlainText());
    }

    /** How the engine ended: its exit code and its last non-blank output line (null when it printed nothing). */
    private record Finished(int exitCode, @CheckForNull String lastLine) {
    }

    /**
     * Runs the engine on the agent with the agent's own java. Its output (stderr is merged into stdout by default) goes
     * to the build log through {@link EngineOutput}, which keeps the last line for a failure message.
     */
    private Finished launch(final List<String> arguments, final String workFolder,
            final Map<String, String> childEnvironment, final MlStagesConfiguration settings)
            throws IOException, InterruptedException {
        EngineJar.AgentJvm jvm = EngineJar.install(cacheFolder());
        String java = settings.getJavaPath() != null ? settings.getJavaPath() : jvm.java();
        workspace.child(workFolder).mkdirs();
        // the JIT choice of ./mlstages (C1 alone for small files), made on the agent where the files are; the
        // configured options come after it and win
        List<String> options = new ArrayList<>(workspace.act(new JitChoice(arguments)));
        options.addAll(settings.jvmOptionWords());
        List<String> command = ChildJvm.command(java, options, jvm.jar(), arguments);
        EngineOutput output = new EngineOutput(listener.getLogger());
        int exitCode = launcher.launch().cmds(command).pwd(workspace).envs(childEnvironment).stdout(output).join();
        output.flush();
        return new Finished(exitCode, output.lastLine());
    }

    /** Runs on the agent: {@link ChildJvm#jitOptions} for the engine's arguments, relative to the workspace. */
    private static final class JitChoice extends MasterToSlaveFileCallable<ArrayList<String>> {
        private static final long serialVersionUID = 1L;

        private final ArrayList<String> arguments;

        JitChoice(final List<String> arguments) {
            this.arguments = new ArrayList<>(arguments);
        }

        @Override
        public ArrayList<String> invoke(final File workspace, final VirtualChannel channel) {
            return new ArrayList<>(ChildJvm.jitOptions(arguments, workspace.toPath(), ChildJvm.JIT_LIMIT));
        }
    }

    /**
     * Marks the incident RETRAINING in the registry, so that its cool-down starts.
     *
     * @return whether the incident was marked
     */
    private boolean markRetraining(final Map<String, Object> result, @CheckForNull final String registry,
            final String reason, final MlStagesConfiguration settings) throws IOException, InterruptedException {
        String incident = StepValues.text(result.get("incidentId"));
        if (incident == null || registry == null) {
            return false;
        }
        String workFolder = StepPlan.incidentWorkFolder(run.getNumber(), UUID.randomUUID().toString().substring(0, 8));
        Invocation invocation;
        try {
            invocation = Invocation.retraining(registry, incident, reason, workFolder);
        }
        catch (IllegalArgumentException e) {
            listener.getLogger().println(Messages.StepRunner_CannotMarkRetraining(incident, e.getMessage()));
            return false;
        }
        Finished engine = launch(invocation.arguments(), workFolder, new HashMap<>(environment), settings);
        if (engine.exitCode() != 0) {
            listener.getLogger().println(Messages.StepRunner_CannotMarkRetrainingExit(incident,
                    String.valueOf(engine.exitCode())));
            return false;
        }
        return true;
    }

    /**
     * Withdraws the retrain request the check recorded for this build (it was due, but no job started), so that the
     * next check asks again rather than wait out the cool-down.
     *
     * @return whether the request was withdrawn
     */
    private boolean withdrawRetraining(final Map<String, Object> result, @CheckForNull final String registry,
            final MlStagesConfiguration settings) throws IOException, InterruptedException {
        String incident = StepValues.text(result.get("incidentId"));
        String requestedAt = StepValues.text(result.get("retrainRequestedAt"));
        if (incident == null || registry == null || requestedAt == null) {
            return false;
        }
        String workFolder = StepPlan.incidentWorkFolder(run.getNumber(), UUID.randomUUID().toString().substring(0, 8));
        Invocation invocation;
        try {
            invocation = Invocation.withdrawRetraining(registry, incident, requestedAt, workFolder);
        }
        catch (IllegalArgumentException e) {
            listener.getLogger().println(Messages.StepRunner_CannotWithdrawRetraining(incident, e.getMessage()));
            return false;
        }
        Finished engine = launch(invocation.arguments(), workFolder, new HashMap<>(environment), settings);
        if (engine.exitCode() != 0) {
            listener.getLogger().println(Messages.StepRunner_CannotWithdrawRetrainingExit(incident,
                    String.valueOf(engine.exitCode())));
            return false;
        }
        return true;
    }

    /** A folder on the agent that outlives workspaces: the node's root, else next to the workspace. */
    private FilePath cacheFolder() {
        Computer computer = workspace.toComputer();
        Node node = computer == null ? null : computer.getNode();
        FilePath root = node == null ? null : node.getRootPath();
        return root != null ? root.child("cache").child("mlstages") : workspace.child(StepPlan.WORK_ROOT).child("cache");
    }

    private String nodeName() {
        Computer computer = workspace.toComputer();
        if (computer == null) {
            return Messages.StepRunner_UnknownAgent();
        }
        String name = computer.getName();
        return name == null || name.isEmpty() ? Messages.StepRunner_BuiltInNode() : Messages.StepRunner_Agent(name);
    }

    @CheckForNull
    private static String readIfPresent(final FilePath file) throws IOException, InterruptedException {
        if (!file.exists()) {
            return null;
        }
        try (InputStream in = file.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Turns the outcome into the build's result: FAIL throws, UNSTABLE marks the build and the stage. */
    private void applyOutcome(final StepSpec step, final Outcome outcome, final Map<String, Object> result)
            throws AbortException {
        switch (outcome) {
            case PASSED -> {
                // nothing to say beyond the engine's own output
            }
            case REPORTED -> listener.getLogger().println(Messages.StepRunner_ReportedOnly(
                    StepMessages.forStep(step.functionName(), finding(step, result))));
            case UNSTABLE -> {
                String message = StepMessages.forStep(step.functionName(), finding(step, result));
                listener.getLogger().println(Messages.StepRunner_MarkedUnstable(message));
                run.setResult(Result.UNSTABLE);
                if (flowNode != null) {
                    flowNode.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                }
            }
            case FAIL -> throw new AbortException(StepMessages.forStep(step.functionName(), finding(step, result)));
            case ERROR -> throw new AbortException(StepMessages.forStep(step.functionName(), "failed"));
        }
    }

    /** One sentence about the finding, from the result map. */
    @NonNull
    static String finding(final StepSpec step, final Map<String, Object> result) {
        return switch (step.functionName()) {
            case StepCatalog.VALIDATE -> Messages.StepRunner_GatesFailed(join(result.get("failedGates")));
            case StepCatalog.DEPLOY -> result.get("refused") != null
                    ? Messages.StepRunner_DeploymentRefused(result.get("refused"))
                    : Messages.StepRunner_TargetFailed(failedTargets(result));
            case StepCatalog.CHECK_DRIFT, StepCatalog.DRIFT_CHECK_BUILDER -> Messages.StepRunner_DatasetDrift(
                    percent(result.get("driftShare")), join(result.get("driftedColumns")));
            default -> Messages.StepRunner_OtherFinding();
        };
    }

    private static String failedTargets(final Map<String, Object> result) {
        if (!(result.get("targets") instanceof List<?> targets)) {
            return "";
        }
        List<String> failed = new ArrayList<>();
        for (Object target : targets) {
            if (target instanceof Map<?, ?> map && !Boolean.TRUE.equals(map.get("ok"))) {
                failed.add(map.get("target") + " (" + map.get("detail") + ")");
            }
        }
        return failed.isEmpty() ? "" : ": " + String.join(", ", failed);
    }

    private static String join(@CheckForNull final Object list) {
        if (list instanceof List<?> items) {
            return items.isEmpty() ? Messages.StepRunner_None()
                    : String.join(", ", items.stream().map(String::valueOf).toList());
        }
        return list == null ? Messages.StepRunner_None() : list.toString();
    }

    private static String percent(@CheckForNull final Object share) {
        return share instanceof Number number ? Math.round(number.doubleValue() * 100) + "%" : "?";
    }
}
