package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftOptions;
import io.mlstages.estimate.EstimateRequest;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Monitor#check} runs.
 *
 * @param drift      the drift options; the model's target is added when they name none
 * @param coolDown   no second retrain request within this time unless severity rose (default 6 h: long enough for
 *                   a retrain, validation and deployment to land before the next scheduled check asks again)
 * @param read       how the current data is read
 * @param reportFile where the caller writes the drift report (recorded in the finding), or null
 * @param estimate   the performance to estimate without labels next to the drift check, or null for none
 */
public record CheckOptions(DriftOptions drift, Duration coolDown, ReadOptions read, @CheckForNull String reportFile,
        @CheckForNull EstimateRequest estimate) {
    /** The default cool-down. */
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofHours(6);

    public CheckOptions {
        drift = drift == null ? DriftOptions.defaults() : drift;
        coolDown = coolDown == null ? DEFAULT_COOL_DOWN : coolDown;
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("The cool-down must not be negative, not " + coolDown);
        }
        read = read == null ? ReadOptions.defaults() : read;
    }

    /** Options without a report file. */
    public CheckOptions(final DriftOptions drift, final Duration coolDown, final ReadOptions read) {
        this(drift, coolDown, read, null, null);
    }

    /** Options without an estimate. */
    public CheckOptions(final DriftOptions drift, final Duration coolDown, final ReadOptions read,
            @CheckForNull final String reportFile) {
        this(drift, coolDown, read, reportFile, null);
    }

    /** The defaults: default drift and read options, a 6 h cool-down. */
    public static CheckOptions defaults() {
        return new CheckOptions(DriftOptions.defaults(), DEFAULT_COOL_DOWN, ReadOptions.defaults(), null, null);
    }

    /** These options with a report file. */
    public CheckOptions withReportFile(final String value) {
        return new CheckOptions(drift, coolDown, read, value, estimate);
    }

    /** These options with an estimate. */
    public CheckOptions withEstimate(@CheckForNull final EstimateRequest value) {
        return new CheckOptions(drift, coolDown, read, reportFile, value);
    }

    /** These options with a cool-down. */
    public CheckOptions withCoolDown(final Duration value) {
        return new CheckOptions(drift, Objects.requireNonNull(value, "coolDown"), read, reportFile, estimate);
    }
}
