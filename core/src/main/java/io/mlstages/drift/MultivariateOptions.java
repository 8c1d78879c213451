package io.mlstages.drift;

/**
 * How the domain classifier ({@link DomainClassifier}) samples, trains and decides. See docs/drift.md,
 * "Multivariate drift".
 *
 * @param sampleRows the rows kept from each side, reservoir-sampled while the data is read (default 5000): enough
 *                   for an AUC of 0.55 to be told from 0.5 (its standard error under no drift is about 0.006), few
 *                   enough that training stays around a second whatever the size of the data
 * @param folds      the cross-validation folds; every sampled row is scored by the model that did not see it
 *                   (default 5)
 * @param aucFloor   the out-of-fold AUC at or above which a significant separation counts as drift (default 0.55)
 * @param alpha      the significance level of the AUC's p-value (default 0.05)
 * @param rounds     boosting rounds per fold (default 100)
 * @param maxDepth   the trees' depth (default 4): deep enough for interactions of a few columns
 * @param seed       the seed of the sampling, the folds and XGBoost (default 42): the same data and seed give the
 *                   same report
 * @param threads    XGBoost's threads (default 1): training on the default sample takes a few CPU seconds, and
 *                   XGBoost's OpenMP threads spin while they wait, so on a busy agent two threads cost eight times
 *                   the CPU of one (measured, docs/drift.md) for no gain in wall time
 */
public record MultivariateOptions(int sampleRows, int folds, double aucFloor, double alpha, int rounds, int maxDepth,
        long seed, int threads) {

    /** The default rows sampled per side. */
    public static final int DEFAULT_SAMPLE_ROWS = 5000;
    /** The default number of folds. */
    public static final int DEFAULT_FOLDS = 5;
    /** The default AUC floor. */
    public static final double DEFAULT_AUC_FLOOR = 0.55;

    public MultivariateOptions {
        if (sampleRows < 20 || sampleRows > 1_000_000) {
            throw new IllegalArgumentException("The multivariate sample must keep 20 to 1000000 rows per side, not "
                    + sampleRows);
        }
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("The multivariate check needs 2 to 20 folds, not " + folds);
        }
        if (!(aucFloor >= 0.5 && aucFloor <= 1)) {
            throw new IllegalArgumentException("The multivariate AUC floor must be in [0.5, 1], not " + aucFloor);
        }
        DriftOptions.requireProbability("The multivariate alpha", alpha);
        if (rounds < 1 || rounds > 10_000 || maxDepth < 1 || maxDepth > 16) {
            throw new IllegalArgumentException("The multivariate classifier needs 1 to 10000 rounds and a depth of 1 "
                    + "to 16, not " + rounds + " and " + maxDepth);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("The multivariate classifier needs 1 to 64 threads, not "
                    + threads);
        }
    }

    /** The defaults: 5000 rows per side, 5 folds, AUC floor 0.55, alpha 0.05, 100 rounds of depth-4 trees, 1 thread. */
    public static MultivariateOptions defaults() {
        return new MultivariateOptions(DEFAULT_SAMPLE_ROWS, DEFAULT_FOLDS, DEFAULT_AUC_FLOOR,
                DriftOptions.DEFAULT_ALPHA, 100, 4, 42, 1);
    }

    /** A copy with another AUC floor. */
    public MultivariateOptions withAucFloor(final double value) {
        return new MultivariateOptions(sampleRows, folds, value, alpha, rounds, maxDepth, seed, threads);
    }

    /** A copy with another significance level. */
    public MultivariateOptions withAlpha(final double value) {
        return new MultivariateOptions(sampleRows, folds, aucFloor, value, rounds, maxDepth, seed, threads);
    }

    /** A copy keeping another number of rows per side. */
    public MultivariateOptions withSampleRows(final int value) {
        return new MultivariateOptions(value, folds, aucFloor, alpha, rounds, maxDepth, seed, threads);
    }

    /** A copy with another number of folds. */
    public MultivariateOptions withFolds(final int value) {
        return new MultivariateOptions(sampleRows, value, aucFloor, alpha, rounds, maxDepth, seed, threads);
    }

    /** A copy with another number of XGBoost threads. */
    public MultivariateOptions withThreads(final int value) {
        return new MultivariateOptions(sampleRows, folds, aucFloor, alpha, rounds, maxDepth, seed, value);
    }

    /** A copy with another seed. */
    public MultivariateOptions withSeed(final long value) {
        return new MultivariateOptions(sampleRows, folds, aucFloor, alpha, rounds, maxDepth, value, threads);
    }
}
