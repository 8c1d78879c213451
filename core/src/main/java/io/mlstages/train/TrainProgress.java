package io.mlstages.train;

import io.mlstages.data.RowSource;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How a training reports its progress: each stage as a line (read, fit, measure, write), and the data read
 * through an observer (the command line wraps it to print reading progress).
 *
 * @param stages  receives one line per stage
 * @param reading wraps the source the training data is read from
 */
public record TrainProgress(Consumer<String> stages, UnaryOperator<RowSource> reading) {
    /** Reports nothing. */
    public static final TrainProgress NONE = new TrainProgress(line -> { }, UnaryOperator.identity());

    public TrainProgress {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(reading, "reading");
    }
}
