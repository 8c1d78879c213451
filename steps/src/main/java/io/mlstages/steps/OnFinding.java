package io.mlstages.steps;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a step does with a finding: a gate that failed ({@code validateModel}), a deployment that was refused
 * ({@code deployModel}), dataset drift ({@code checkDrift}, {@code modelDriftCheck}). Bad input and errors always
 * fail the build; this only decides about findings.
 */
public enum OnFinding {
    /** Fail the build (the step throws). The default for gates and deployments: a bad model must not go on. */
    FAIL,
    /** Mark the build and the stage unstable and go on. The default for drift: it is news, not a broken build. */
    UNSTABLE,
    /** Only report: the result map and the build page say it, the build result is left alone. */
    REPORT;

    /**
     * The value for a word, in any case.
     *
     * @throws IllegalArgumentException naming the word and the accepted ones
     */
    public static OnFinding parse(final String word) {
        if (word == null || word.isBlank()) {
            throw new IllegalArgumentException("Give one of " + words());
        }
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown value '" + word + "': give one of " + words(), e);
        }
    }

    /** The accepted words, for messages and the docs. */
    public static String words() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The choice for a step: the value of its choice parameter ({@code onFailure}, {@code onDrift}) when given,
     * else the step's default ({@link #UNSTABLE} for drift, {@link #FAIL} otherwise).
     *
     * @throws IllegalArgumentException naming the parameter when its value is not one of the words
     */
    public static OnFinding of(final StepSpec step, final java.util.Map<String, ?> values) {
        Parameter choice = choiceParameter(step);
        Object value = values == null || choice == null ? null : values.get(choice.name());
        if (value == null || value.toString().isBlank()) {
            return defaultFor(step);
        }
        try {
            return parse(value.toString());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(step.functionName() + "." + choice.name() + ": " + e.getMessage(), e);
        }
    }

    /** The step's default: drift is news ({@link #UNSTABLE}); a failed gate or refused deployment stops ({@link #FAIL}). */
    public static OnFinding defaultFor(final StepSpec step) {
        Parameter choice = choiceParameter(step);
        return choice != null && "onDrift".equals(choice.name()) ? UNSTABLE : FAIL;
    }

    private static Parameter choiceParameter(final StepSpec step) {
        return step.parameters().stream().filter(p -> p.kind() == Parameter.Kind.CHOICE).findFirst().orElse(null);
    }
}
