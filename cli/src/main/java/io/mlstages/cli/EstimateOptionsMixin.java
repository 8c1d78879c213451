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

    @Option(names = "--estimate-level", paramLabel = "LEVEL",
            description = "With --reference-labelled: the share of the bootstrap rounds the band holds (default: "
                    + EstimateOptions.DEFAULT_LEVEL + "). A higher level gives a wider band.")
    @Range(min = "0.5", max = "0.999")
    @CheckForNull Double level;

    @Option(names = "--estimate-resamples", paramLabel = "ROUNDS",
            description = "With --reference-labelled: the bootstrap rounds behind the band (default: "
                    + EstimateOptions.DEFAULT_RESAMPLES + "); more give a steadier band and cost a calibration "
                    + "and a scoring each.")
    @Range(min = "20", max = "100000")
    @CheckForNull Integer resamples;

    /**
     * The estimate these flags ask for, or null for none.
     *
     * @throws IllegalArgumentException when a bound, level or rounds are given without labelled reference data
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
            if (level != null || resamples != null) {
                throw new IllegalArgumentException("--estimate-level and --estimate-resamples only apply with "
                        + "--reference-labelled FILE");
            }
            return null;
        }
        EstimateOptions defaults = EstimateOptions.defaults();
        return new EstimateRequest(referenceLabelled, new EstimateOptions(level == null ? defaults.level() : level,
                resamples == null ? defaults.resamples() : resamples, defaults.seed(), bounds));
    }
}
