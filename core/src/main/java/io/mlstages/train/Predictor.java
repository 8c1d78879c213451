package io.mlstages.train;

/** A fitted model that the engine can score. */
interface Predictor {
    /** The outputs per row: one probability per class, or one value for regression. */
    int outputs();

    /**
     * Predicts rows given as a row-major matrix of encoded inputs (NaN for missing).
     *
     * @return the outputs, row-major
     */
    double[] predict(double[] inputs, int rows);

    /**
     * The outputs on the rows the model was fitted on, as {@link #predict} gives them, when the fit kept them at no
     * cost (XGBoost holds its training predictions); empty otherwise, and after the first call.
     */
    default java.util.Optional<double[]> takeFittedOutputs() {
        return java.util.Optional.empty();
    }

    /** The model file's name in the package. */
    String fileName();

    /** The model file's content. */
    byte[] toBytes();

    /** What a reader of the package should know about the fit (an optimizer that did not converge). */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }
}
