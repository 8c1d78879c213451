package io.mlstages.profile;

/**
 * How a profile summarises columns.
 *
 * @param sketchK    the KLL sketch's k: larger is more accurate and larger (rank error about 1.65/k^0.9... see docs)
 * @param bins       the number of equal-width histogram bins
 * @param topK       how many categories are kept by name
 * @param exactLimit up to how many finite values a numeric column keeps its values exactly
 */
public record ProfileSettings(int sketchK, int bins, int topK, int exactLimit) {
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
}
