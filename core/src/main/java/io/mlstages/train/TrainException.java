package io.mlstages.train;

import io.mlstages.MlStagesException;

/**
 * Training could not proceed: the data does not fit the options (a missing target, a single class), a
 * hyperparameter is invalid, or an external trainer failed. The message names the file, column or key.
 */
public class TrainException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public TrainException(final String message) {
        super(message);
    }

    public TrainException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
