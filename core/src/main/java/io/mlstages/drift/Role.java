package io.mlstages.drift;

/** What a column is to the model; only features count toward dataset drift. */
public enum Role {
    FEATURE, TARGET, PREDICTION
}
