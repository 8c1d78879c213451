package io.mlstages.drift;

import org.apache.commons.math3.util.CombinatoricsUtils;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;

/**
 * How often a check raises a false alarm: the probability that one check of data that did not drift reports
 * dataset drift, and from it the false alarms a month that a schedule implies, or the level that keeps them
 * within a budget. An alarm is dataset drift: at least r of the F feature columns drift, r the smallest count
 * whose share reaches the drift share.
 *
 * <p>Under no drift each column's p-value is uniform (conservative for discrete tests), and the columns are
 * taken to be <b>independent</b>. Then, per check:</p>
 * <ul>
 * <li>per-column alpha: P(alarm) = P(Binomial(F, alpha) ≥ r);</li>
 * <li>Benjamini–Hochberg at q over m tests (F features plus the target and the prediction): the number R of
 * rejections has P(R = k) = C(m, k) (kq/m)^k (1 − kq/m)^(m−k−1) (1 − q) for k &lt; m and q^m for k = m
 * (Finner and Roters), the rejected tests are a random k of the m, so P(alarm) = Σ P(R = k) ·
 * P(Hypergeometric(m, F, k) ≥ r). With r = 1 and no target, this is q.</li>
 * </ul>
 * <p>Both ignore the effect-size floor, which only removes alarms (on large samples nearly all), so they are
 * upper bounds for the floor's part. Correlated columns break the independence: a random split that moves one
 * of them moves its neighbours too, and alarms that need several columns become much more likely than the
 * binomial tail says (docs/drift.md measures it).</p>
 */
public final class FalseAlarmRate {
    /** An average month: 365.25 / 12 days. */
    public static final Duration MONTH = Duration.ofSeconds(2_629_800);

    private FalseAlarmRate() {
    }

    /** The drifted features that make dataset drift: the smallest r with r / features at or above the share. */
    public static int alarmAt(final int features, final double driftShare) {
        for (int r = 1; r <= features; r++) {
            if ((double) r / features >= driftShare) {
                return r;
            }
        }
        return Math.max(features, 1);
    }

    /** How many checks a month a schedule runs. */
    public static double checksPerMonth(final Duration cadence) {
        if (cadence == null || cadence.isZero() || cadence.isNegative()) {
            throw new IllegalArgumentException("A check cadence must be positive, not " + cadence);
        }
        return (double) MONTH.toMillis() / cadence.toMillis();
    }

    /** P(Binomial(n, p) ≥ r): a check's false-alarm probability with per-column alpha p. */
    public static double withAlpha(final int features, final int alarmAt, final double alpha) {
        return binomialTail(features, alarmAt, alpha);
    }

    /**
     * A check's false-alarm probability with Benjamini–Hochberg at q over {@code tests} tests of which
     * {@code features} count toward dataset drift.
     */
    public static double withFdr(final int tests, final int features, final int alarmAt, final double q) {
        if (features == 0 || alarmAt > features) {
            return 0;
        }
        double total = 0;
        for (int k = alarmAt; k <= tests; k++) {
            total += rejections(tests, k, q) * hypergeometricTail(tests, features, k, alarmAt);
        }
        return Math.min(1, total);
    }

    /** P(R = k): the chance that the step-up rule at q rejects exactly k of m independent true null hypotheses. */
    static double rejections(final int m, final int k, final double q) {
        if (k == m) {
            return Math.pow(q, m);
        }
        double share = (double) k * q / m;
        return Math.exp(logChoose(m, k) + (k == 0 ? 0 : k * Math.log(share))
                + (m - k - 1) * Math.log1p(-share)) * (1 - q);
    }

    /** P(X ≥ r) for X the successes in n draws without replacement from m items of which f are successes. */
    static double hypergeometricTail(final int m, final int f, final int n, final int r) {
        double total = 0;
        for (int x = Math.max(r, n - (m - f)); x <= Math.min(n, f); x++) {
            total += Math.exp(logChoose(f, x) + logChoose(m - f, n - x) - logChoose(m, n));
        }
        return Math.min(1, total);
    }

    /** P(Binomial(n, p) ≥ r). */
    static double binomialTail(final int n, final int r, final double p) {
        if (r <= 0) {
            return 1;
        }
        if (r > n) {
            return 0;
        }
        double total = 0;
        for (int k = r; k <= n; k++) {
            total += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
        }
        return Math.min(1, total);
    }

    /**
     * With several comparisons in one check (segments), the chance that any of them raises its alarm, each with
     * per-column alpha, the comparisons independent: 1 − Π (1 − P(Binomial(F_s, alpha) ≥ r_s)).
     */
    public static double anyWithAlpha(final int[] features, final int[] alarmAt, final double alpha) {
        double none = 1;
        for (int i = 0; i < features.length; i++) {
            none *= 1 - (features[i] == 0 ? 0 : withAlpha(features[i], alarmAt[i], alpha));
        }
        return 1 - none;
    }

    /**
     * The level whose false-alarm probability per check is {@code perCheck}, the probability given as a function
     * of the level: found by bisection, as the probability grows with the level. Just below 1 when even that stays
     * under the target.
     */
    public static double levelFor(final double perCheck, final DoubleUnaryOperator probability) {
        double low = 0;
        double high = 1;
        for (int i = 0; i < 100 && high - low > 1e-12 * high; i++) {
            double mid = (low + high) / 2;
            if (probability.applyAsDouble(mid) > perCheck) {
                high = mid;
            }
            else {
                low = mid;
            }
        }
        // a budget too small for any level bisects down to 0, which is no level: the smallest one tried stands
        return Math.min(low > 0 ? low : high / 2, 1 - 1e-9);
    }

    private static double logChoose(final int n, final int k) {
        return CombinatoricsUtils.binomialCoefficientLog(n, k);
    }
}
