package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.estimate.EstimateOptions;
import io.mlstages.estimate.EstimateRequest;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code check}'s performance estimate without labels (docs/estimation.md). */
final class EstimateOptionsMixin {
    @Option(names = "--reference-labelled", paramLabel = "FILE",
            description = "Estimate a classifier's accuracy, precision, recall, F1 and ROC AUC on the current data "
                    + "without its labels, calibrated on this labelled data: rows the model was not trained on, "
                    + "with the target (its validation or test data).")
    @CheckForNull Path referenceLabelled;

    @Option(names = "--min-estimated", paramLabel = "METRIC=VALUE",
            description = "A lower bound on an estimated metric, e.g. accuracy=0.9: an estimate below it is a "
                    + "finding that opens or joins the incident, as drift does (exit 1). Repeatable; needs "
                    + "--reference-labelled.")
    List<String> minEstimated = new ArrayList<>();

    /**
     * The estimate these flags ask for, or null for none.
     *
     * @throws IllegalArgumentException when a bound is given without labelled reference data
     * @throws io.mlstages.validate.ValidationException naming the option when a bound is malformed
     */
    @CheckForNull
    EstimateRequest toRequest() {
        List<EstimateOptions.Bound> bounds = new ArrayList<>();
        for (String text : minEstimated) {
            bounds.add(EstimateOptions.Bound.parse("--min-estimated", text));
        }
        if (referenceLabelled == null) {
            if (!bounds.isEmpty()) {
                throw new IllegalArgumentException("--min-estimated needs --reference-labelled FILE: the estimate "
                        + "is calibrated on labelled data the model was not trained on");
            }
            return null;
        }
        return new EstimateRequest(referenceLabelled, EstimateOptions.defaults().withBounds(bounds));
    }
}
