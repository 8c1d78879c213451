package io.mlstages.estimate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An estimate a check is asked to make.
 *
 * @param reference the labelled reference data the calibration is fitted on: rows the model was not trained on,
 *                  with the target filled in (its validation or test data)
 * @param options   the band and the bounds
 */
public record EstimateRequest(Path reference, EstimateOptions options) {
    public EstimateRequest {
        Objects.requireNonNull(reference, "reference");
        options = options == null ? EstimateOptions.defaults() : options;
    }
}
