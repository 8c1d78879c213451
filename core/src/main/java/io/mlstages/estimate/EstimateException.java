package io.mlstages.estimate;

import io.mlstages.MlStagesException;

/** A performance estimate that cannot be made as asked: a regression model, a bound on a metric it does not estimate. */
public final class EstimateException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public EstimateException(final String message) {
        super(message);
    }
}
