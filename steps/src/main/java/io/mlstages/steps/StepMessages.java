package io.mlstages.steps;

import java.util.Objects;

/**
 * How a step's failure reads in the build log: prefixed once by the step's name. Many messages of this module already
 * start with the name ({@code trainModel needs the parameter 'data'}, {@code checkDrift.alpha must be …}); the plugin
 * used to prefix them again ({@code trainModel: trainModel: …}).
 */
public final class StepMessages {
    private StepMessages() {
    }

    /**
     * The message, prefixed with {@code functionName: } unless it already starts with the step's name.
     *
     * @param functionName the step, e.g. {@code trainModel}
     * @param message      what went wrong
     */
    public static String forStep(final String functionName, final String message) {
        Objects.requireNonNull(functionName, "functionName");
        String text = message == null || message.isBlank() ? "failed" : message.strip();
        if (text.startsWith(functionName) && (text.length() == functionName.length()
                || ":. ".indexOf(text.charAt(functionName.length())) >= 0)) {
            return text;
        }
        return functionName + ": " + text;
    }
}
