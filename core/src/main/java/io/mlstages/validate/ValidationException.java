package io.mlstages.validate;

import io.mlstages.MlStagesException;

/**
 * Validation could not run as asked: an unknown metric, a gate that does not apply to the model's task, a
 * malformed predictions file or blessing. The message names the option, file, line or field at fault. A gate
 * that runs and fails is not an error: it is a failed {@link GateResult}.
 */
public class ValidationException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public ValidationException(final String message) {
        super(message);
    }

    public ValidationException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
