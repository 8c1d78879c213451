package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One check that found dataset drift, or an estimated performance below its bound.
 *
 * @param at             when the check ran
 * @param reportFile     the drift report written for it, or null
 * @param datasetDrift   whether the dataset drifted (true for findings that open or join incidents)
 * @param driftShare     the share of drifted feature columns
 * @param driftedColumns the drifted columns
 * @param severity       its severity ({@link Severity#of})
 * @param buildUrl       the build that ran the check, or null
 * @param breaches       the estimated metrics below their bounds, one sentence each (empty when none was)
 */
public record Finding(Instant at, @CheckForNull String reportFile, boolean datasetDrift, double driftShare,
        List<String> driftedColumns, Severity severity, @CheckForNull String buildUrl, List<String> breaches) {
    public Finding {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(severity, "severity");
        if (!(driftShare >= 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("driftShare must be within [0, 1], not " + driftShare);
        }
        driftedColumns = List.copyOf(driftedColumns);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
    }

    /** A drift finding without breaches. */
    public Finding(final Instant at, @CheckForNull final String reportFile, final boolean datasetDrift,
            final double driftShare, final List<String> driftedColumns, final Severity severity,
            @CheckForNull final String buildUrl) {
        this(at, reportFile, datasetDrift, driftShare, driftedColumns, severity, buildUrl, List.of());
    }
}
