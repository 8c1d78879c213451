package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a model is trained. */
public enum Algorithm {
    /** Logistic regression with an L2 penalty (binary, or softmax for several classes), fitted by L-BFGS. */
    LOGISTIC,
    /** Ridge regression (least squares with an L2 penalty), solved in closed form. */
    LINEAR,
    /** Gradient-boosted trees through XGBoost (classification and regression). */
    GBT,
    /** The user's own program, run as a command; the engine records its output but cannot score it. */
    EXTERNAL;

    /** The lower-case name used in options and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the engine can score models of this algorithm itself. */
    public boolean isBuiltIn() {
        return this != EXTERNAL;
    }

    /**
     * Parses an algorithm name as users write it ({@code logistic}, {@code linear}, {@code gbt}, {@code external};
     * case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Algorithm parse(@CheckForNull final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Algorithm algorithm : values()) {
            if (algorithm.label().equals(value)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("Unknown algorithm '" + text + "': expected one of "
                + Arrays.stream(values()).map(Algorithm::label).collect(Collectors.joining(", ")));
    }
}
