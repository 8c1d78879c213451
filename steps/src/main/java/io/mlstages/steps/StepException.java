package io.mlstages.steps;

/** A step could not run or could not read what its child wrote; the message says which step, file or field. */
public final class StepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepException(final String message) {
        super(message);
    }

    public StepException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
