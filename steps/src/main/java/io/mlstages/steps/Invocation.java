package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command line a step runs: the {@code mlstages} arguments for a step's parameter values, and the files the
 * child writes its results to. Jenkins-free, so it is tested here against the real command line.
 *
 * <p>Every option is passed as one word {@code --option=value}, so that a value starting with a dash (a file
 * named {@code -x.csv}, a hostile parameter) is always read as a value, never as another option.</p>
 *
 * @param command     the {@code mlstages} command ({@code train}, {@code check}, …)
 * @param arguments   every argument after the jar, the command first; never containing a secret
 * @param environment variables the child needs beyond the agent's (names of secrets' variables only map to
 *                    placeholders here; the plugin fills in the secret value itself and never logs it)
 * @param resultFile  the JSON result the child writes, relative to the workspace (inside the work folder), or
 *                    null when the command writes none
 * @param reportFiles other files the child writes (JUnit XML, HTML), by kind ({@link #JUNIT}, {@link #HTML}),
 *                    relative to the workspace (inside the work folder)
 */
public record Invocation(String command, List<String> arguments, Map<String, String> environment, String resultFile,
        Map<String, String> reportFiles) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The environment variable that carries the http deploy token to the child (its value is set by the plugin). */
    public static final String TOKEN_VARIABLE = "MLSTAGES_DEPLOY_TOKEN";
    /** The environment variable that carries the webhook's token to the child. */
    public static final String WEBHOOK_TOKEN_VARIABLE = "MLSTAGES_WEBHOOK_TOKEN";
    /**
     * The environment key under which {@link #environment()} names the AWS credential ({@code awsCredentialsId}): the
     * plugin sets this variable to the credential's user name (the access key id) and
     * {@link #AWS_SECRET_VARIABLE} to its password, in the child's environment only.
     */
    public static final String AWS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    /** The environment variable that carries the AWS secret access key to the child. */
    public static final String AWS_SECRET_VARIABLE = "AWS_SECRET_ACCESS_KEY";
    /** The key of the JUnit XML file in {@link #reportFiles()}. */
    public static final String JUNIT = "junit";
    /** The key of the HTML report in {@link #reportFiles()}. */
    public static final String HTML = "html";
    /** The result file's name in the work folder. */
    public static final String RESULT_NAME = "result.json";

    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}-[0-9]{4,9}");

    public Invocation {
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        reportFiles = Map.copyOf(reportFiles);
        if (arguments.isEmpty() || !arguments.get(0).equals(command)) {
            throw new IllegalArgumentException("The arguments must start with the command " + command + ": "
                    + arguments);
        }
    }

    /**
     * The invocation of a step for the values a user gave.
     *
     * <p>The environment maps {@link #TOKEN_VARIABLE} (with {@code credentialsId}) and
     * {@link #WEBHOOK_TOKEN_VARIABLE} (with {@code webhookCredentialsId}) to the credentials' ids: the plugin looks
     * the secret up by that id and sets the variable's value itself.</p>
     *
     * @param step            the step (from {@link StepCatalog})
     * @param values          parameter name to value (String, Boolean, Integer, Long, Double, as Jenkins binds
     *                        them); unset parameters are absent or null
     * @param defaultRegistry the global registry setting, used where a step needs a registry and none is given;
     *                        may be null
     * @param workFolder      the folder (relative to the workspace, e.g. {@code .mlstages/checkDrift-3}) where the
     *                        child writes its result and reports
     * @throws IllegalArgumentException naming the parameter: unknown name, wrong type, a missing required or
     *                                  one-of parameter, a parameter given without the one it requires
     */
    public static Invocation of(final StepSpec step, final Map<String, ?> values,
            @CheckForNull final String defaultRegistry, final String workFolder) {
        Objects.requireNonNull(step, "step");
        String folder = folder(workFolder);
        Map<String, Object> given = given(step, values == null ? Map.of() : values);
        checkRules(step, given);

        String registry = defaultRegistry == null || defaultRegistry.isBlank() ? null : defaultRegistry.trim();
        String command = step.commands().get(0);
        switch (step.functionName()) {
            case StepCatalog.CHECK_DRIFT, StepCatalog.DRIFT_CHECK_BUILDER -> {
                command = given.containsKey("model") ? "check" : "drift";
                if (given.containsKey("model")) {
                    needRegistry(step, given, registry, "a drift check of a registered model");
                }
            }
            case StepCatalog.DEPLOY -> needRegistry(step, given, registry, "a deployment");
            case StepCatalog.VALIDATE -> {
                if (given.containsKey("registryModel")) {
                    needRegistry(step, given, registry, "registryModel");
                }
                else if (given.containsKey("registry")) {
                    throw new IllegalArgumentException(step.functionName() + ": registry is used with registryModel,"
                            + " which is not given");
                }
            }
            default -> {
                // train needs no registry
            }
        }

        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            Object value = given.get(parameter.name());
            if (value == null) {
                continue;
            }
            if (parameter.pluginOnly()) {
                credentials(parameter, value, arguments, environment);
                continue;
            }
            switch (parameter.kind()) {
                case FLAG -> {
                    if ((Boolean) value) {
                        arguments.add(parameter.option());
                    }
                }
                case LIST -> {
                    for (Object item : (List<?>) value) {
                        arguments.add(parameter.option() + "=" + item);
                    }
                }
                default -> {
                    if (value instanceof List<?> items) {
                        for (Object item : items) {
                            arguments.add(parameter.option() + "=" + item);
                        }
                    }
                    else {
                        arguments.add(parameter.option() + "=" + value);
                    }
                }
            }
        }

        String resultFile = folder + "/" + RESULT_NAME;
        arguments.add("--json=" + resultFile);
        Map<String, String> reports = new LinkedHashMap<>();
        if (!"train".equals(command) && !"deploy".equals(command)) {
            reports.put(JUNIT, folder + "/junit.xml");
            arguments.add("--junit=" + reports.get(JUNIT));
        }
        if ("check".equals(command) || "drift".equals(command)) {
            reports.put(HTML, folder + "/report.html");
            arguments.add("--html=" + reports.get(HTML));
        }
        return new Invocation(command, arguments, environment, resultFile, reports);
    }

    /**
     * The invocation that marks an incident retraining once the plugin scheduled the retrain job, so that the
     * cool-down starts: {@code mlstages incident retraining ID --registry DIR [--reason TEXT] --json=FILE}.
     *
     * @param registry   the registry folder (the one the check used)
     * @param incidentId the incident, from the check's result
     * @param reason     what was scheduled (e.g. the job and build), or null
     * @param workFolder where the child writes the incident's JSON
     * @throws IllegalArgumentException naming the value when the registry is blank or the id is not an incident id
     */
    public static Invocation retraining(final String registry, final String incidentId,
            @CheckForNull final String reason, final String workFolder) {
        String folder = folder(workFolder);
        if (blank(registry)) {
            throw new IllegalArgumentException("Marking an incident retraining needs its registry folder");
        }
        if (incidentId == null || !INCIDENT_ID.matcher(incidentId).matches()) {
            throw new IllegalArgumentException("Not an incident id: '" + incidentId + "' (expected <model>-<number>,"
                    + " such as cancer-0003)");
        }
        List<String> arguments = new ArrayList<>(List.of("incident", "retraining", "--registry=" + registry.trim()));
        if (!blank(reason)) {
            arguments.add("--reason=" + reason.trim());
        }
        String resultFile = folder + "/retraining.json";
        arguments.add("--json=" + resultFile);
        // the id is checked above, so it cannot be read as an option; it goes last, after every option
        arguments.add(incidentId);
        return new Invocation("incident", arguments, Map.of(), resultFile, Map.of());
    }

    /**
     * The invocation that withdraws the retrain request a check recorded ({@code check --claim-retrain}) when the
     * plugin could not start the retrain job, so that the next check asks again:
     * {@code mlstages incident retraining ID --registry DIR --withdraw=TIME --json=FILE}.
     *
     * @param requestedAt the check result's {@code retrainRequestedAt}
     * @throws IllegalArgumentException naming the value when the registry or time is blank or the id is not an
     *                                  incident id
     */
    public static Invocation withdrawRetraining(final String registry, final String incidentId,
            final String requestedAt, final String workFolder) {
        if (blank(requestedAt)) {
            throw new IllegalArgumentException("Withdrawing a retrain request needs the time the check recorded it");
        }
        Invocation marking = retraining(registry, incidentId, null, workFolder);
        List<String> arguments = new ArrayList<>(marking.arguments());
        // before the id, which goes last
        arguments.add(arguments.size() - 1, "--withdraw=" + requestedAt.trim());
        return new Invocation("incident", arguments, Map.of(), marking.resultFile(), Map.of());
    }

    /** The arguments as the build log shows them: each quoted when it holds a space. Never holds a secret. */
    public String display() {
        return arguments.stream().map(a -> a.isEmpty() || a.chars().anyMatch(Character::isWhitespace)
                ? "'" + a.replace("'", "'\\''") + "'" : a).collect(Collectors.joining(" "));
    }

    private static String folder(final String workFolder) {
        if (blank(workFolder)) {
            throw new IllegalArgumentException("A step needs a work folder for its result files");
        }
        String folder = workFolder.trim().replace('\\', '/');
        while (folder.endsWith("/") && folder.length() > 1) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder;
    }

    /** The values given, by name, typed and normalised (blank strings are unset, lists are split). */
    private static Map<String, Object> given(final StepSpec step, final Map<String, ?> values) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            Parameter parameter = step.parameter(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    step.functionName() + " has no parameter '" + entry.getKey() + "'; its parameters are "
                            + String.join(", ", step.names())));
            Object value = typed(step, parameter, entry.getValue());
            if (value != null) {
                given.put(parameter.name(), value);
            }
        }
        return given;
    }

    private static void checkRules(final StepSpec step, final Map<String, Object> given) {
        for (Parameter parameter : step.required()) {
            if (!given.containsKey(parameter.name())) {
                throw new IllegalArgumentException(step.functionName() + " needs the parameter '" + parameter.name()
                        + "': " + parameter.help());
            }
        }
        for (List<String> group : step.oneOf()) {
            List<String> present = group.stream().filter(given::containsKey).toList();
            if (present.isEmpty()) {
                throw new IllegalArgumentException(step.functionName() + " needs one of " + String.join(" or ", group));
            }
            if (present.size() > 1) {
                throw new IllegalArgumentException(step.functionName() + " takes only one of "
                        + String.join(" or ", group) + ", but " + String.join(" and ", present) + " were given");
            }
        }
        if (given.containsKey("credentialsId") && given.containsKey("tokenFile")) {
            throw new IllegalArgumentException(step.functionName() + ": give credentialsId or tokenFile, not both");
        }
        if (given.containsKey("webhook") && step.parameter("webhookCredentialsId").isPresent()
                && !given.containsKey("webhookCredentialsId")) {
            throw new IllegalArgumentException(step.functionName() + ": webhook needs webhookCredentialsId, the "
                    + "secret-text credential of the webhook's bearer token");
        }
        for (Parameter parameter : step.parameters()) {
            if (parameter.requires() != null && given.containsKey(parameter.name())
                    && !given.containsKey(parameter.requires())) {
                throw new IllegalArgumentException(step.functionName() + ": " + parameter.name() + " applies only with "
                        + parameter.requires() + ", which is not given");
            }
        }
    }

    private static void needRegistry(final StepSpec step, final Map<String, Object> given, final String fallback,
            final String what) {
        if (!given.containsKey("registry")) {
            if (fallback == null) {
                throw new IllegalArgumentException(step.functionName() + ": " + what + " needs a model registry: give"
                        + " registry, or set the registry folder in the global ML Stages configuration");
            }
            given.put("registry", fallback);
        }
    }

    private static void credentials(final Parameter parameter, final Object value,
            final List<String> arguments, final Map<String, String> environment) {
        switch (parameter.name()) {
            case "credentialsId" -> {
                arguments.add("--token-env=" + TOKEN_VARIABLE);
                environment.put(TOKEN_VARIABLE, value.toString());
            }
            case "webhookCredentialsId" -> {
                arguments.add("--webhook-token-env=" + WEBHOOK_TOKEN_VARIABLE);
                environment.put(WEBHOOK_TOKEN_VARIABLE, value.toString());
            }
            // the SDK's default credential chain reads both variables; nothing goes on the command line
            case "awsCredentialsId" -> environment.put(AWS_KEY_VARIABLE, value.toString());
            case "retrainJob" ->
                // the plugin starts the job when the check says a retrain is due: the check records the request in
                // its locked decision, so that an overlapping check does not start the job a second time
                arguments.add("--claim-retrain");
            default -> {
                // onFailure, onDrift: the plugin acts on them after the child ran
            }
        }
    }

    /** The value as the parameter's kind wants it, or null when unset. */
    @CheckForNull
    private static Object typed(final StepSpec step, final Parameter parameter, @CheckForNull final Object raw) {
        if (raw == null || raw instanceof CharSequence text && text.toString().isBlank()) {
            return null;
        }
        String where = step.functionName() + "." + parameter.name();
        return switch (parameter.kind()) {
            case STRING -> {
                if (raw instanceof CharSequence text) {
                    yield text.toString().trim();
                }
                if (raw instanceof Collection<?> items && "current".equals(parameter.name())) {
                    // the plugin expands a glob into the files it matched: each becomes one --current
                    List<String> files = strings(where, items);
                    yield files.isEmpty() ? null : files;
                }
                throw wrongType(where, raw, "a string");
            }
            case INTEGER -> {
                if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                        || raw instanceof BigInteger) {
                    yield raw.toString();
                }
                if (raw instanceof CharSequence text && text.toString().trim().matches("-?[0-9]{1,18}")) {
                    yield text.toString().trim();
                }
                throw wrongType(where, raw, "a whole number");
            }
            case DECIMAL -> {
                if (raw instanceof Number number && !(raw instanceof BigDecimal)) {
                    double value = number.doubleValue();
                    if (!Double.isFinite(value)) {
                        throw wrongType(where, raw, "a finite number");
                    }
                    yield number.toString();
                }
                if (raw instanceof BigDecimal number) {
                    yield number.toPlainString();
                }
                if (raw instanceof CharSequence text) {
                    try {
                        double value = Double.parseDouble(text.toString().trim());
                        if (Double.isFinite(value)) {
                            yield text.toString().trim();
                        }
                    }
                    catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw wrongType(where, raw, "a number");
            }
            case FLAG -> {
                if (raw instanceof Boolean flag) {
                    yield flag;
                }
                if (raw instanceof CharSequence text && (text.toString().trim().equalsIgnoreCase("true")
                        || text.toString().trim().equalsIgnoreCase("false"))) {
                    yield Boolean.valueOf(text.toString().trim());
                }
                throw wrongType(where, raw, "true or false");
            }
            case LIST -> {
                List<String> items;
                if (raw instanceof CharSequence text) {
                    items = new ArrayList<>();
                    for (String item : text.toString().split(",")) {
                        if (!item.isBlank()) {
                            items.add(item.trim());
                        }
                    }
                }
                else if (raw instanceof Collection<?> list) {
                    items = strings(where, list);
                }
                else {
                    throw wrongType(where, raw, "a comma-separated string or a list");
                }
                yield items.isEmpty() ? null : items;
            }
            case CHOICE -> {
                if (!(raw instanceof CharSequence text)) {
                    throw wrongType(where, raw, "one of " + OnFinding.words());
                }
                try {
                    yield OnFinding.parse(text.toString()).name();
                }
                catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private static List<String> strings(final String where, final Collection<?> items) {
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof CharSequence || item instanceof Number || item instanceof Boolean) {
                if (!item.toString().isBlank()) {
                    out.add(item.toString().trim());
                }
            }
            else {
                throw wrongType(where, item, "a list of strings");
            }
        }
        return out;
    }

    private static IllegalArgumentException wrongType(final String where, final Object raw, final String expected) {
        String shown = raw instanceof CharSequence ? "'" + raw + "'" : String.valueOf(raw);
        return new IllegalArgumentException(where + " must be " + expected + ", not " + shown + " ("
                + (raw == null ? "null" : raw.getClass().getSimpleName()) + ")");
    }

    private static boolean blank(@CheckForNull final String text) {
        return text == null || text.isBlank();
    }
}
