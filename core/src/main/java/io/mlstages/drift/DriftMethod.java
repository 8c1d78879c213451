package io.mlstages.drift;

import io.mlstages.data.ColumnType;

import java.util.Locale;

/**
 * The per-column drift statistics. Each produces a score where larger means more change, compared with a
 * threshold (the effect-size floor); a significance test supplies the p-value that must also be small.
 */
public enum DriftMethod {
    /** Population stability index over reference-quantile bins (numeric) or categories. */
    PSI("psi", true, true),
    /** Two-sample Kolmogorov–Smirnov statistic D (numeric). */
    KS("ks", true, false),
    /** Chi-square test of the category counts; the score is Cramér's V (categorical). */
    CHI_SQUARE("chi-square", false, true),
    /** Jensen–Shannon distance, base 2, in [0, 1] (numeric over bins, or categorical). */
    JENSEN_SHANNON("jensen-shannon", true, true),
    /** First Wasserstein distance divided by the reference's standard deviation (numeric). */
    WASSERSTEIN("wasserstein", true, false),
    /** Largest absolute difference between category shares (categorical). */
    L_INFINITY("l-infinity", false, true),
    /** Hellinger distance sqrt(1 - sum sqrt(p q)), in [0, 1] (numeric over bins, or categorical). */
    HELLINGER("hellinger", true, true),
    /** Kullback–Leibler divergence KL(current || reference) in nats, zero shares smoothed (numeric over bins, or categorical). */
    KULLBACK_LEIBLER("kullback-leibler", true, true),
    /** Total-variation distance, half the sum of absolute share differences, in [0, 1] (numeric over bins, or categorical). */
    TOTAL_VARIATION("total-variation", true, true),
    /** Root-mean-square gap between the two CDFs under the pooled distribution; its own test (numeric). */
    CRAMER_VON_MISES("cramer-von-mises", true, false),
    /** The Cramér–von Mises gap with the tails weighted up; the two-sample Anderson–Darling test (numeric). */
    ANDERSON_DARLING("anderson-darling", true, false),
    /** Energy distance divided by the square root of the reference's standard deviation (numeric). */
    ENERGY("energy", true, false);

    private final String label;
    private final boolean numeric;
    private final boolean categorical;

    DriftMethod(final String label, final boolean numeric, final boolean categorical) {
        this.label = label;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /** The name used in options, JSON and reports. */
    public String label() {
        return label;
    }

    /** Whether the method applies to columns of this type. */
    public boolean supports(final ColumnType type) {
        return type == ColumnType.NUMERIC ? numeric : categorical;
    }

    /** Every method's label, comma-separated, in declaration order (for help texts and errors). */
    public static String labels() {
        return java.util.Arrays.stream(values()).map(DriftMethod::label)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Parses a method name ({@code psi}, {@code ks}, {@code chi-square}, {@code jensen-shannon},
     * {@code wasserstein}, {@code l-infinity}, {@code hellinger}, {@code kullback-leibler}, {@code total-variation},
     * {@code cramer-von-mises}, {@code anderson-darling}, {@code energy}; underscores and a few common short forms
     * are accepted).
     */
    public static DriftMethod parse(final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (value) {
            case "psi":
                return PSI;
            case "ks": case "kolmogorov-smirnov":
                return KS;
            case "chi-square": case "chisquare": case "chi2":
                return CHI_SQUARE;
            case "jensen-shannon": case "js": case "jensenshannon":
                return JENSEN_SHANNON;
            case "wasserstein": case "wasserstein-normed": case "emd":
                return WASSERSTEIN;
            case "l-infinity": case "linf": case "l-inf":
                return L_INFINITY;
            case "hellinger":
                return HELLINGER;
            case "kullback-leibler": case "kl": case "kl-divergence":
                return KULLBACK_LEIBLER;
            case "total-variation": case "tv": case "tvd":
                return TOTAL_VARIATION;
            case "cramer-von-mises": case "cvm": case "cramervonmises":
                return CRAMER_VON_MISES;
            case "anderson-darling": case "ad": case "anderson":
                return ANDERSON_DARLING;
            case "energy": case "energy-distance":
                return ENERGY;
            default:
                throw new IllegalArgumentException("Unknown drift method '" + text
                        + "': expected one of " + labels());
        }
    }
}
