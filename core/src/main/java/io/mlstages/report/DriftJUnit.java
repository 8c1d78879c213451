package io.mlstages.report;

import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftReport;
import io.mlstages.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The JUnit XML form of a {@link DriftReport}: one test suite, one test case per column, a failure where the
 * column drifted. Jenkins' JUnit publisher then shows drift in the build's test results and their trend.
 *
 * <p>Test cases are named after the column and grouped by role ({@code drift.feature}, {@code drift.target},
 * {@code drift.prediction}) as the class name, so that a column keeps its history across builds.</p>
 */
public final class DriftJUnit {
    private DriftJUnit() {
    }

    /** The XML text. Column names and notes are data: the XML writer escapes them. */
    public static String toXml(final DriftReport report) {
        return toXml(report, null);
    }

    /** As {@link #toXml(DriftReport)} with a check's performance estimate: one case per bounded metric. */
    public static String toXml(final DriftReport report,
            @edu.umd.cs.findbugs.annotations.CheckForNull final io.mlstages.estimate.PerformanceEstimate estimate) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("reference", report.reference());
        properties.put("current", report.current());
        properties.put("datasetDrift", Boolean.toString(report.datasetDrift()));
        properties.put("driftShare", DriftTable.format(report.driftShare()));
        properties.put("driftShareThreshold", DriftTable.format(report.driftShareThreshold()));
        FalseAlarmsReport.properties(properties, report.falseAlarms());
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (ColumnDrift column : report.columns()) {
            cases.add(new JUnitXml.Case("drift." + column.role().name().toLowerCase(Locale.ROOT), column.name(),
                    column.drift() ? "drift" : null, DriftTable.verdict(column), DriftTable.details(column)));
        }
        cases.addAll(ConstraintReport.junitCases(report.constraints(), "drift.constraint"));
        cases.addAll(SegmentReports.junitCases(report));
        java.util.Optional.ofNullable(MultivariateReport.junitCase(report)).ifPresent(cases::add);
        cases.addAll(EstimateReport.junitCases(estimate));
        return JUnitXml.suite("mlstages.drift", properties, cases, "drift report");
    }

    /** Writes the XML to a file atomically. */
    public static void write(final DriftReport report, final Path file) {
        AtomicFiles.write(file, toXml(report));
    }

    /** Writes the XML with a check's performance estimate to a file atomically. */
    public static void write(final DriftReport report,
            @edu.umd.cs.findbugs.annotations.CheckForNull final io.mlstages.estimate.PerformanceEstimate estimate,
            final Path file) {
        AtomicFiles.write(file, toXml(report, estimate));
    }
}
