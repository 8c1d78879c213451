package io.mlstages.metrics;

import java.util.Locale;

/** What a model predicts. */
public enum Task {
    /** One of two classes, with a probability for the positive (second) class. */
    BINARY,
    /** One of several classes, with a probability per class. */
    MULTICLASS,
    /** A real number. */
    REGRESSION;

    /** The lower-case name used in options and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task predicts classes. */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
