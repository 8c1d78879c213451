package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a step run decides that is not a Jenkins call: the values with the global defaults filled in, the
 * registry it uses and whether it needs one, the work folder, what to do with a finding, the command line for the
 * files the current-data pattern matched, the outcome of an exit code, what goes on the build page, and where the
 * child's files are. The plugin's {@code StepRunner} asks it and only moves files and processes through Jenkins;
 * {@code StepsEndToEndTest} drives it with the real engine.
 */
public final class StepPlan {
    /** The steps' work folders, relative to the workspace. */
    public static final String WORK_ROOT = ".mlstages";

    /**
     * The global settings a step falls back on (each may be null: not set).
     *
     * @param registry   the model registry folder
     * @param driftShare the drift share of drift checks and validation data gates
     * @param alpha      the significance level
     * @param coolDown   the retrain cool-down of a drift check of a registered model
     */
    public record Defaults(@CheckForNull String registry, @CheckForNull Double driftShare, @CheckForNull Double alpha,
            @CheckForNull String coolDown) {
        /** No global settings. */
        public static final Defaults NONE = new Defaults(null, null, null, null);
    }

    private final StepSpec step;
    private final LinkedHashMap<String, Object> values;
    @CheckForNull
    private final String registry;
    @CheckForNull
    private final String defaultRegistry;
    private final String workFolder;
    private final OnFinding onFinding;

    private StepPlan(final StepSpec step, final LinkedHashMap<String, Object> values, @CheckForNull final String registry,
            @CheckForNull final String defaultRegistry, final String workFolder, final OnFinding onFinding) {
        this.step = step;
        this.values = values;
        this.registry = registry;
        this.defaultRegistry = defaultRegistry;
        this.workFolder = workFolder;
        this.onFinding = onFinding;
    }

    /**
     * The plan of one step call.
     *
     * @param functionName the step's name in {@link StepCatalog}
     * @param given        the values the user gave (unset ones absent or null)
     * @param defaults     the global settings
     * @param buildNumber  the build's number, part of the work folder's name
     * @param unique       a short random text that keeps two calls of one build apart (e.g. 8 hex digits)
     * @throws StepException naming the step, for an unknown step or a choice word that is not one of
     *                       {@link OnFinding#words()}
     */
    public static StepPlan of(final String functionName, final Map<String, ?> given, final Defaults defaults,
            final int buildNumber, final String unique) {
        StepSpec step;
        try {
            step = StepCatalog.step(functionName);
        }
        catch (java.util.NoSuchElementException e) {
            throw new StepException(e.getMessage(), e);
        }
        Defaults settings = defaults == null ? Defaults.NONE : defaults;
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(given == null ? Map.of() : given);
        fillDefault(step, values, "driftShare", settings.driftShare());
        fillDefault(step, values, "alpha", settings.alpha());
        if (text(values.get("model")) != null) {
            // only a check of a registered model has incidents, and so a cool-down
            fillDefault(step, values, "coolDown", settings.coolDown());
        }
        String registry = text(values.get("registry"));
        String defaultRegistry = text(settings.registry());
        OnFinding onFinding;
        try {
            onFinding = OnFinding.of(step, values);
        }
        catch (IllegalArgumentException e) {
            throw new StepException(StepMessages.forStep(functionName, e.getMessage()), e);
        }
        return new StepPlan(step, values, registry != null ? registry : defaultRegistry, defaultRegistry,
                WORK_ROOT + "/" + functionName + "-" + buildNumber + "-" + Objects.requireNonNull(unique, "unique"),
                onFinding);
    }

    private static void fillDefault(final StepSpec step, final Map<String, Object> values, final String name,
            @CheckForNull final Object value) {
        if (value != null && step.parameter(name).isPresent() && values.get(name) == null) {
            values.put(name, value);
        }
    }

    /** The step. */
    public StepSpec step() {
        return step;
    }

    /** The step's name. */
    public String functionName() {
        return step.functionName();
    }

    /** The values with the global defaults filled in (a copy). */
    public LinkedHashMap<String, Object> values() {
        return new LinkedHashMap<>(values);
    }

    /** The text of a value (trimmed; null when unset or blank). */
    @CheckForNull
    public String value(final String name) {
        return text(values.get(name));
    }

    /** The registry folder this call uses: its {@code registry} parameter, else the global setting; or null. */
    @CheckForNull
    public String registry() {
        return registry;
    }

    /** Whether this call reads or writes the registry (a deployment, a champion lookup, a registered model's check). */
    public boolean needsRegistry() {
        return switch (step.functionName()) {
            case StepCatalog.DEPLOY -> true;
            case StepCatalog.VALIDATE -> value("registryModel") != null;
            case StepCatalog.CHECK_DRIFT, StepCatalog.DRIFT_CHECK_BUILDER -> value("model") != null;
            default -> false;
        };
    }

    /** Whether the step reads current data, whose pattern the plugin expands on the agent ({@link #invocation}). */
    public boolean readsCurrentData() {
        return step.parameter("current").isPresent();
    }

    /** The step's work folder, relative to the workspace: {@code .mlstages/<step>-<build>-<unique>}. */
    public String workFolder() {
        return workFolder;
    }

    /** The work folder of marking an incident as retraining after this check triggered its retrain job. */
    public static String incidentWorkFolder(final int buildNumber, final String unique) {
        return WORK_ROOT + "/incident-" + buildNumber + "-" + Objects.requireNonNull(unique, "unique");
    }

    /** Whether this is a drift check (the pipeline step or the build step): a drift report on the build page. */
    public boolean isDriftCheck() {
        return step.functionName().equals(StepCatalog.CHECK_DRIFT)
                || step.functionName().equals(StepCatalog.DRIFT_CHECK_BUILDER);
    }

    /** Whether this is a validation: a validation report on the build page. */
    public boolean isValidation() {
        return step.functionName().equals(StepCatalog.VALIDATE);
    }

    /** Whether this is a deployment: a deployment summary on the build page. */
    public boolean isDeployment() {
        return step.functionName().equals(StepCatalog.DEPLOY);
    }

    /**
     * Whether retraining concerns this drift check at all (a registered model or a retrain job): a reference-only
     * check says nothing about it, in the log or on the page.
     */
    public boolean concernsRetraining() {
        return isDriftCheck() && RetrainParameters.applies(value("model"), value("retrainJob"));
    }

    /** What the user chose to do with a finding, or the step's default (drift: UNSTABLE; otherwise FAIL). */
    public OnFinding onFinding() {
        return onFinding;
    }

    /** What an exit code means for the build, with this call's choice. */
    public Outcome outcome(final int exitCode) {
        return Outcome.of(exitCode, onFinding);
    }

    /**
     * The command line, with the files the current-data pattern matched (each becomes one {@code --current}: the
     * engine checks them as one sample); {@code currentFiles} is ignored by steps without current data.
     *
     * @throws StepException naming the step and the parameter: a missing, wrongly typed or misplaced value
     */
    public Invocation invocation(final List<String> currentFiles) {
        LinkedHashMap<String, Object> effective = values();
        if (readsCurrentData()) {
            effective.put("current", List.copyOf(currentFiles));
        }
        try {
            return Invocation.of(step, effective, defaultRegistry, workFolder);
        }
        catch (IllegalArgumentException | StepException e) {
            throw new StepException(StepMessages.forStep(step.functionName(), e.getMessage()), e);
        }
    }

    /**
     * Where a file the child names is, relative to the workspace: the child writes paths relative to its work folder
     * unless they already start with it or are absolute.
     */
    public String locate(final String file) {
        String path = file.replace('\\', '/');
        return path.startsWith(workFolder + "/") || isAbsolute(path) || isObjectStore(path) ? path
                : workFolder + "/" + path;
    }

    /**
     * Whether a location is in an object store ({@code s3://bucket/key}): the engine reads and writes it itself, so
     * the plugin neither looks for it on the agent nor expands it as a glob.
     */
    public static boolean isObjectStore(@CheckForNull final String location) {
        return location != null && location.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** Whether a path is absolute on a Unix or Windows agent. */
    public static boolean isAbsolute(final String path) {
        return path.startsWith("/") || path.startsWith("\\") || path.matches("[A-Za-z]:[\\\\/].*");
    }

    /**
     * The paths of the matched files relative to the workspace, sorted, so that the command line does not depend on
     * the agent's listing order.
     *
     * @param workspace the workspace's path on the agent
     * @param matches   the matched files' paths on the agent
     */
    public static List<String> relativeToWorkspace(final String workspace, final List<String> matches) {
        return matches.stream().map(path -> path.startsWith(workspace + "/") || path.startsWith(workspace + "\\")
                ? path.substring(workspace.length() + 1).replace('\\', '/') : path).sorted().toList();
    }

    @CheckForNull
    private static String text(@CheckForNull final Object value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.toString().trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
