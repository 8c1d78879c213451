package io.mlstages.metrics;

import io.mlstages.MlStagesException;

/** Metrics cannot be computed: an unknown metric name, one that does not suit the task, or malformed predictions. */
public class MetricException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public MetricException(final String message) {
        super(message);
    }
}
