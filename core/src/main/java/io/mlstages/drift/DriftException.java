package io.mlstages.drift;

import io.mlstages.MlStagesException;

/**
 * Two profiles cannot be compared, or the drift options do not fit them: the message names the columns, their
 * types or the method at fault.
 */
public class DriftException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public DriftException(final String message) {
        super(message);
    }
}
