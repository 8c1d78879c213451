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
}
