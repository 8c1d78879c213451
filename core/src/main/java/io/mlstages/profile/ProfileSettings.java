package io.mlstages.profile;

/**
 * How a profile summarises columns.
 *
 * @param sketchK    the KLL sketch's k: larger is more accurate and larger (normalised rank error about 0.0014 at
 *                   k = 2000, 0.0068 at k = 400; see docs/profiles.md)
 * @param bins       the number of equal-width histogram bins
 * @param topK       how many categories are kept by name
 * @param exactLimit up to how many finite values a numeric column keeps its values exactly
 */
public record ProfileSettings(int sketchK, int bins, int topK, int exactLimit) {

    /** The default KLL k; see docs/profiles.md for the measured sketch errors that chose it. */
    public static final int DEFAULT_SKETCH_K = 2000;
    /** The default number of histogram bins. */
    public static final int DEFAULT_BINS = 20;
    /** The default number of categories kept by name. */
    public static final int DEFAULT_TOP_K = 100;
    /** The default number of values kept exactly: the sample size up to which scipy computes an exact KS p-value. */
    public static final int DEFAULT_EXACT_LIMIT = 10_000;

    public ProfileSettings {
        if (sketchK < 8 || sketchK > 65_535) {
            throw new IllegalArgumentException("sketchK must be between 8 and 65535, not " + sketchK);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be positive, not " + bins);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be positive, not " + topK);
        }
        if (exactLimit < 0) {
            throw new IllegalArgumentException("exactLimit must not be negative, not " + exactLimit);
        }
    }

    /** The defaults: k {@value #DEFAULT_SKETCH_K}, {@value #DEFAULT_BINS} bins, top {@value #DEFAULT_TOP_K}, exact up to {@value #DEFAULT_EXACT_LIMIT} values. */
    public static ProfileSettings defaults() {
        return new ProfileSettings(DEFAULT_SKETCH_K, DEFAULT_BINS, DEFAULT_TOP_K, DEFAULT_EXACT_LIMIT);
    }

    public ProfileSettings withSketchK(final int value) {
        return new ProfileSettings(value, bins, topK, exactLimit);
    }

    public ProfileSettings withBins(final int value) {
        return new ProfileSettings(sketchK, value, topK, exactLimit);
    }

    public ProfileSettings withTopK(final int value) {
        return new ProfileSettings(sketchK, bins, value, exactLimit);
    }

    public ProfileSettings withExactLimit(final int value) {
        return new ProfileSettings(sketchK, bins, topK, value);
    }
}
