package io.mlstages.drift;

/** What a column is to the model; only features count toward dataset drift. */
public enum Role {
    /** An input of the model: counted toward dataset drift. */
    FEATURE,
    /** What the model learns to predict: reported apart. */
    TARGET,
    /** The model's output: reported apart. */
    PREDICTION,
    /**
     * A categorical column whose every value is distinct (an identifier or a timestamp read as text): it has no
     * distribution to compare, so it is reported apart and never drifts.
     */
    IDENTIFIER
}
