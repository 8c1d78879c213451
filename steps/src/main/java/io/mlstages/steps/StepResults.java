package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        Reader in = new Reader(root, step.functionName() + ": the result " + file);
        switch (step.functionName()) {
            case StepCatalog.TRAIN -> train(in, map);
            case StepCatalog.VALIDATE -> validate(in, invocation, map);
            case StepCatalog.DEPLOY -> deploy(in, map);
            case StepCatalog.CHECK_DRIFT, StepCatalog.DRIFT_CHECK_BUILDER -> drift(in, invocation, reportUrl, map);
            default -> throw new StepException("No result format for step " + step.functionName());
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

    private static void validate(final Reader in, final Invocation invocation, final Map<String, Object> map) {
        boolean passed = in.flag("passed");
        map.put("passed", passed);
        // the child blesses a passed model package folder unless told not to (a zipped package is not changed)
        String model = option(invocation, "--model");
        map.put("blessed", passed && model != null && !invocation.arguments().contains("--no-bless")
                && !model.toLowerCase(java.util.Locale.ROOT).endsWith(".zip"));
        map.put("metrics", numbers(in.root.path("metrics").path("values")));
        JsonNode baseline = in.root.path("baselineMetrics");
        map.put("baselineMetrics", baseline.isObject() ? numbers(baseline.path("values")) : null);
        List<Object> failed = new ArrayList<>();
        List<Object> gates = new ArrayList<>();
        JsonNode gateNodes = in.root.path("gates");
        if (!gateNodes.isArray()) {
            throw in.malformed("gates", "a list");
        }
        for (JsonNode gate : gateNodes) {
            LinkedHashMap<String, Object> one = new LinkedHashMap<>();
            String name = gate.path("name").asText();
            boolean ok = gate.path("passed").asBoolean();
            one.put("name", name);
            one.put("passed", ok);
            one.put("detail", gate.path("message").asText(""));
            gates.add(one);
            if (!ok) {
                failed.add(name);
            }
        }
        map.put("failedGates", failed);
        map.put("gates", gates);
        map.put("reportFile", invocation.resultFile());
        map.put("junitFile", invocation.reportFiles().get(Invocation.JUNIT));
    }

    private static void deploy(final Reader in, final Map<String, Object> map) {
        map.put("model", in.text("model"));
        map.put("version", in.root.path("version").isNumber() ? in.root.path("version").intValue() : null);
        map.put("alias", in.text("alias"));
        map.put("previousVersion", in.root.path("previous").isNumber() ? in.root.path("previous").intValue() : null);
        map.put("deployed", in.flag("succeeded"));
        // an unblessed version that went out (force or noRequireBlessing); the alias history records it as forced
        map.put("forced", in.root.path("forced").asBoolean(false));
        List<Object> targets = new ArrayList<>();
        for (JsonNode outcome : in.root.path("outcomes")) {
            LinkedHashMap<String, Object> one = new LinkedHashMap<>();
            String status = outcome.path("status").asText();
            one.put("target", outcome.path("target").asText());
            one.put("ok", "DONE".equals(status) || "UNCHANGED".equals(status));
            one.put("detail", outcome.path("detail").asText(""));
            targets.add(one);
        }
        map.put("targets", targets);
        map.put("mitigatedIncident", in.optionalText("mitigatedIncident"));
        map.put("refused", in.optionalText("refused"));
    }

    private static void drift(final Reader in, final Invocation invocation, final String reportUrl,
            final Map<String, Object> map) {
        if (!"mlstages-drift-report".equals(in.root.path("kind").asText())) {
            throw in.malformed("kind", "\"mlstages-drift-report\"");
        }
        map.put("datasetDrift", in.flag("datasetDrift"));
        map.put("constraintsViolated", ConstraintsView.of(in.root).violated());
        map.put("driftShare", in.root.path("driftShare").isNumber() ? in.root.path("driftShare").doubleValue() : null);
        JsonNode columns = in.root.path("columns");
        if (!columns.isArray()) {
            throw in.malformed("columns", "a list");
        }
        List<Object> drifted = new ArrayList<>();
        for (JsonNode column : columns) {
            if (column.path("drift").asBoolean()) {
                drifted.add(column.path("name").asText());
            }
        }
        map.put("driftedColumns", drifted);
        map.put("columns", columns.size());
        map.put("model", in.optionalText("model"));
        map.put("version", in.root.path("version").isNumber() ? in.root.path("version").intValue() : null);
        JsonNode incident = in.root.path("incident");
        boolean hasIncident = incident.isObject();
        map.put("incidentId", hasIncident ? incident.path("id").asText() : null);
        map.put("incidentStage", hasIncident ? incident.path("stage").asText() : null);
        map.put("severity", hasIncident ? incident.path("severity").asText() : null);
        map.put("incidentOpened", hasIncident && incident.path("opened").asBoolean());
        JsonNode retrain = in.root.path("retrain");
        map.put("retrainDue", retrain.path("due").asBoolean(false));
        map.put("retrainReason", retrain.isObject() ? retrain.path("reason").asText("")
                : "a check against a reference (not a registered model) opens no incident and asks for no retrain");
        // set when the check recorded the due request for the plugin (--claim-retrain): withdrawn if no job starts
        map.put("retrainRequestedAt", retrain.path("requestedAt").isTextual() ? retrain.path("requestedAt").asText()
                : null);
        map.put("reportFile", invocation.resultFile());
        map.put("htmlFile", invocation.reportFiles().get(Invocation.HTML));
        map.put("junitFile", invocation.reportFiles().get(Invocation.JUNIT));
        map.put("reportUrl", reportUrl);
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

        @CheckForNull
        String optionalText(final String field) {
            JsonNode value = root.path(field);
            return value.isTextual() ? value.asText() : null;
        }

        boolean flag(final String field) {
            JsonNode value = root.path(field);
            if (!value.isBoolean()) {
                throw malformed(field, "true or false");
            }
            return value.booleanValue();
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
