package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlstages.model.CheckReport;
import io.mlstages.model.EstimatedPerformance;
import io.mlstages.model.ColumnVerdict;
import io.mlstages.model.DeploymentResult;
import io.mlstages.model.DriftReportDocument;
import io.mlstages.model.IncidentEvent;
import io.mlstages.model.ReportFormatException;
import io.mlstages.model.ReportJson;
import io.mlstages.model.ValidationReportDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value a step call returns in a Jenkinsfile, read from the JSON result its child wrote. Only JDK types
 * (String, Boolean, Integer, Long, Double, ArrayList, LinkedHashMap), so that the value is safe for the CPS
 * program's saved state and for the script sandbox.
 */
public final class StepResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StepResults() {
    }

    /**
     * The result map of a finished step, its finding judged by the step's default choice
     * ({@link OnFinding#defaultFor}).
     *
     * @param step       the step
     * @param invocation what ran
     * @param exitCode   the child's exit code (0 ok, 1 finding, 2 bad input, 3 error)
     * @param resultJson the result file's content (null when the child wrote none, e.g. on exit 2)
     * @param reportUrl  the build page's report URL, or null
     * @return the map; its keys are listed in docs/jenkins.md and checked by tests
     * @throws StepException when the result file is missing or malformed (names the file)
     */
    public static LinkedHashMap<String, Object> read(final StepSpec step, final Invocation invocation,
            final int exitCode, final String resultJson, final String reportUrl) {
        return read(step, invocation, exitCode, OnFinding.defaultFor(step), resultJson, reportUrl);
    }

    /**
     * As {@link #read(StepSpec, Invocation, int, String, String)}, with the user's choice about a finding (see
     * {@link OnFinding#of}); it decides the {@code outcome}.
     *
     * @throws StepException when the result file is missing or malformed (names the file)
     */
    public static LinkedHashMap<String, Object> read(final StepSpec step, final Invocation invocation,
            final int exitCode, final OnFinding onFinding, final String resultJson, final String reportUrl) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(invocation, "invocation");
        Outcome outcome = Outcome.of(exitCode, onFinding == null ? OnFinding.defaultFor(step) : onFinding);
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("step", step.functionName());
        map.put("exitCode", exitCode);
        map.put("outcome", outcome.name());
        String file = invocation.resultFile();
        if (outcome == Outcome.ERROR) {
            // bad input or an error: the child said why on stderr, which is in the build log
            map.put("error", "mlstages " + invocation.command() + " ended with exit code " + exitCode
                    + (exitCode == 2 ? " (bad input)" : exitCode == 3 ? " (internal error)" : "")
                    + ": the reason is in the build log above");
            return map;
        }
        if (resultJson == null || resultJson.isBlank()) {
            throw new StepException(step.functionName() + ": mlstages " + invocation.command() + " ended with exit code "
                    + exitCode + " but wrote no result to " + file);
        }
        JsonNode root;
        try {
            root = JSON.readTree(resultJson);
        }
        catch (JsonProcessingException e) {
            throw new StepException(step.functionName() + ": the result " + file + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new StepException(step.functionName() + ": the result " + file + " is not a JSON object");
        }
        String origin = step.functionName() + ": the result " + file;
        try {
            switch (step.functionName()) {
                case StepCatalog.TRAIN -> train(new Reader(root, origin), map);
                case StepCatalog.VALIDATE -> validate(ReportJson.read(root, ValidationReportDocument.TYPE, origin),
                        invocation, map);
                case StepCatalog.DEPLOY -> deploy(ReportJson.read(root, DeploymentResult.TYPE, origin), map);
                case StepCatalog.CHECK_DRIFT, StepCatalog.DRIFT_CHECK_BUILDER -> drift(CheckReport.read(root, origin),
                        invocation, reportUrl, map);
                default -> throw new StepException("No result format for step " + step.functionName());
            }
        }
        catch (ReportFormatException e) {
            throw new StepException(e.getMessage(), e);
        }
        return map;
    }

    private static void train(final Reader in, final Map<String, Object> map) {
        map.put("package", in.text("package"));
        map.put("algorithm", in.text("algorithm"));
        map.put("task", in.text("task"));
        map.put("target", in.text("target"));
        map.put("features", in.texts(in.root.path("featureNames"), "featureNames"));
        long training = in.whole("trainingRows");
        long holdout = in.root.path("holdoutRows").asLong(0);
        map.put("rows", training + holdout);
        map.put("trainingRows", training);
        map.put("holdoutRows", holdout);
        JsonNode metrics = in.root.path("metrics");
        JsonNode chosen = metrics.path("holdout").isObject() && !metrics.path("holdout").isEmpty()
                ? metrics.path("holdout") : metrics.path("training");
        map.put("metrics", numbers(chosen));
        map.put("fitSeconds", in.root.path("fitSeconds").isNumber() ? in.root.path("fitSeconds").doubleValue() : null);
    }

    private static void validate(final ValidationReportDocument report, final Invocation invocation,
            final Map<String, Object> map) {
        boolean passed = report.passed();
        map.put("passed", passed);
        // the child blesses a passed model package folder unless told not to (a zipped package is not changed)
        String model = option(invocation, "--model");
        map.put("blessed", passed && model != null && !invocation.arguments().contains("--no-bless")
                && !model.toLowerCase(java.util.Locale.ROOT).endsWith(".zip"));
        map.put("metrics", values(report.metrics()));
        map.put("baselineMetrics", report.baselineMetrics() == null ? null : values(report.baselineMetrics()));
        List<Object> failed = new ArrayList<>();
        List<Object> gates = new ArrayList<>();
        for (ValidationReportDocument.Gate gate : report.gates()) {
            LinkedHashMap<String, Object> one = new LinkedHashMap<>();
            one.put("name", gate.name());
            one.put("passed", gate.passed());
            one.put("detail", gate.message());
            gates.add(one);
            if (!gate.passed()) {
                failed.add(gate.name());
            }
        }
        map.put("failedGates", failed);
        map.put("gates", gates);
        map.put("reportFile", invocation.resultFile());
        map.put("junitFile", invocation.reportFiles().get(Invocation.JUNIT));
        incident(report.incidentEvents(), map);
    }

    /**
     * What the step did to an incident, from the structured events of its result: {@code incidentId} (or null) and
     * {@code incidentEvents}, the kinds in order (see {@link IncidentEvent}); the build page's timeline reads them.
     */
    private static void incident(final List<IncidentEvent> events, final Map<String, Object> map) {
        if (!map.containsKey("incidentId")) {
            map.put("incidentId", events.isEmpty() ? null : events.get(0).incident());
        }
        map.put("incidentEvents", new ArrayList<Object>(events.stream().map(IncidentEvent::event).toList()));
    }

    /**
     * Sets whether the check's {@code incidentEvents} hold {@code retrain-requested}, after the plugin decided: it
     * started the retrain job and marked the incident (the request stands), or withdrew the request the check had
     * recorded because no job started (it is gone from the incident, so from the events too).
     */
    public static void retrainRequested(final Map<String, Object> map, final boolean requested) {
        if (map.get("incidentId") == null || !(map.get("incidentEvents") instanceof List<?> events)) {
            return;
        }
        List<Object> updated = new ArrayList<>(events);
        updated.removeIf(IncidentEvent.RETRAIN_REQUESTED::equals);
        if (requested) {
            updated.add(IncidentEvent.RETRAIN_REQUESTED);
        }
        map.put("incidentEvents", updated);
    }

    private static void deploy(final DeploymentResult result, final Map<String, Object> map) {
        map.put("model", result.model());
        map.put("version", result.version());
        map.put("alias", result.alias());
        map.put("previousVersion", result.previous());
        map.put("deployed", result.succeeded());
        // an unblessed version that went out (force or noRequireBlessing); the alias history records it as forced
        map.put("forced", result.forced());
        List<Object> targets = new ArrayList<>();
        for (DeploymentResult.TargetOutcome outcome : result.outcomes()) {
            LinkedHashMap<String, Object> one = new LinkedHashMap<>();
            one.put("target", outcome.target());
            one.put("ok", outcome.ok());
            one.put("detail", outcome.detail() == null ? "" : outcome.detail());
            targets.add(one);
        }
        map.put("targets", targets);
        map.put("mitigatedIncident", result.mitigatedIncident());
        map.put("refused", result.refused());
        incident(result.incidentEvents(), map);
    }

    private static void drift(final CheckReport result, final Invocation invocation, final String reportUrl,
            final Map<String, Object> map) {
        DriftReportDocument report = result.report();
        CheckReport.Outcome check = result.check();
        map.put("datasetDrift", report.datasetDrift());
        map.put("constraintsViolated", ConstraintsView.of(report.constraints()).violated());
        map.put("driftShare", Double.isNaN(report.driftShare()) ? null : report.driftShare());
        map.put("driftedColumns", new ArrayList<Object>(report.columns().stream().filter(ColumnVerdict::drift)
                .map(ColumnVerdict::name).toList()));
        map.put("columns", report.columns().size());
        map.put("model", check.model());
        map.put("version", check.version());
        CheckReport.Incident incident = check.incident();
        map.put("incidentId", incident == null ? null : incident.id());
        map.put("incidentStage", incident == null ? null : incident.stage());
        map.put("severity", incident == null ? null : incident.severity());
        map.put("incidentOpened", incident != null && incident.opened());
        map.put("incidentEvents", new ArrayList<Object>(result.incidentEvents().stream().map(IncidentEvent::event)
                .toList()));
        CheckReport.Retrain retrain = check.retrain();
        map.put("retrainDue", retrain != null && retrain.due());
        map.put("retrainReason", retrain != null ? (retrain.reason() == null ? "" : retrain.reason())
                : "a check against a reference (not a registered model) opens no incident and asks for no retrain");
        // set when the check recorded the due request for the plugin (--claim-retrain): withdrawn if no job starts
        map.put("retrainRequestedAt", retrain == null ? null : retrain.requestedAt());
        EstimatedPerformance estimate = result.estimate();
        map.put("estimateBreached", estimate != null && estimate.breached());
        map.put("estimated", estimate == null ? null : estimated(estimate));
        map.put("reportFile", invocation.resultFile());
        map.put("htmlFile", invocation.reportFiles().get(Invocation.HTML));
        map.put("junitFile", invocation.reportFiles().get(Invocation.JUNIT));
        map.put("reportUrl", reportUrl);
    }

    /**
     * Each estimated metric (performance without labels) by name: its estimate, the band, the bound and whether the
     * estimate fell below it; an undefined value is null.
     */
    private static LinkedHashMap<String, Object> estimated(final EstimatedPerformance estimate) {
        LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
        for (EstimatedPerformance.Metric metric : estimate.metrics()) {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            values.put("estimate", finite(metric.estimate()));
            values.put("lower", finite(metric.lower()));
            values.put("upper", finite(metric.upper()));
            values.put("bound", metric.bound());
            values.put("breached", metric.breached());
            metrics.put(metric.name(), values);
        }
        return metrics;
    }

    @CheckForNull
    private static Double finite(final double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The value of {@code --option=value} in the arguments, or null. */
    @CheckForNull
    private static String option(final Invocation invocation, final String option) {
        for (String argument : invocation.arguments()) {
            if (argument.startsWith(option + "=")) {
                return argument.substring(option.length() + 1);
            }
        }
        return null;
    }

    /** A model's metric values as a map; an undefined metric is null. */
    private static LinkedHashMap<String, Object> values(
            @CheckForNull final ValidationReportDocument.Metrics metrics) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        if (metrics != null) {
            values.putAll(metrics.values());
        }
        return values;
    }

    /** A JSON object of numbers as a map; a metric that is not a number (undefined) is null. */
    private static LinkedHashMap<String, Object> numbers(final JsonNode node) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            values.put(field.getKey(), field.getValue().isNumber() ? field.getValue().doubleValue() : null);
        }
        return values;
    }

    /** Reads fields of a result, naming the file and the field when one is missing. */
    private static final class Reader {
        private final JsonNode root;
        private final String origin;

        Reader(final JsonNode root, final String origin) {
            this.root = root;
            this.origin = origin;
        }

        String text(final String field) {
            JsonNode value = root.path(field);
            if (!value.isTextual()) {
                throw malformed(field, "text");
            }
            return value.asText();
        }

        long whole(final String field) {
            JsonNode value = root.path(field);
            if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                throw malformed(field, "a whole number");
            }
            return value.longValue();
        }

        List<Object> texts(final JsonNode node, final String field) {
            if (!node.isArray()) {
                throw malformed(field, "a list");
            }
            List<Object> values = new ArrayList<>();
            node.forEach(item -> values.add(item.asText()));
            return values;
        }

        StepException malformed(final String field, final String expected) {
            return new StepException(origin + " is malformed: the field \"" + field + "\" is missing or not "
                    + expected);
        }
    }
}
