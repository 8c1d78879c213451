package io.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Base of every error the engine raises on purpose. Each subclass carries the context a user needs to fix
 * the input (a file, a line, a column, a model name), so that the CLI and the plugin can print the message
 * alone, without a stack trace.
 */
public class MlStagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MlStagesException(final String message) {
        super(message);
    }

    public MlStagesException(final String message, @CheckForNull final Throwable cause) {
        super(message, cause);
    }
}
