package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.data.ColumnType;
import io.mlstages.drift.ColumnDrift;
import io.mlstages.drift.DriftMethod;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.Role;
import io.mlstages.io.AtomicFiles;
import io.mlstages.model.ColumnVerdict;
import io.mlstages.model.DriftReportDocument;
import io.mlstages.model.ReportFormatException;
import io.mlstages.model.ReportJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The JSON form of a {@link DriftReport}: the engine's report as the model's {@link DriftReportDocument}, which
 * {@link ReportJson} writes and reads (the same classes the steps read it with). A score that is not a finite number
 * is written as {@code null}.
 */
public final class DriftReportJson {
    private DriftReportJson() {
    }

    /** The report as the document the model writes. */
    public static DriftReportDocument document(final DriftReport report) {
        return new DriftReportDocument(report.schemaVersion(), report.reference(), report.current(),
                report.referenceRows(), report.currentRows(), report.datasetDrift(), report.driftShare(),
                report.driftShareThreshold(), report.drifted().size(),
                report.columns().stream().map(DriftReportJson::verdict).toList(), BadRowsJson.log(report.badRows()),
                FalseAlarmsReport.figures(report.falseAlarms()), ConstraintReport.checks(report.constraints()),
                SegmentReports.drifted(report), SegmentReports.verdicts(report), MultivariateReport.verdict(report));
    }

    /** A column's verdict as the model writes it (also each segment's columns). */
    static ColumnVerdict verdict(final ColumnDrift c) {
        return new ColumnVerdict(c.name(), c.type().label(), c.role().name().toLowerCase(Locale.ROOT),
                c.method().label(), c.score(), c.threshold(), c.pValue(), c.alpha(), c.drift(), c.significant(),
                c.referenceCount(), c.currentCount(), c.referenceMissingRate(), c.currentMissingRate(),
                c.missingDrift(), c.referenceNonFiniteRate(), c.currentNonFiniteRate(), c.nonFiniteDrift(), c.exact(),
                c.note());
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(final DriftReport report) {
        return ReportJson.toTree(document(report));
    }

    /** The report as indented JSON text. */
    public static String toString(final DriftReport report) {
        return ReportJson.toString(document(report));
    }

    /** Writes the report to a file, atomically: a reader never sees half a report. */
    public static void write(final DriftReport report, final Path file) {
        AtomicFiles.write(file, toString(report) + "\n");
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws MlStagesException naming the file when it is not a drift report this version can read
     */
    public static DriftReport read(final Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new MlStagesException(file + ": not a readable drift report: " + e.getMessage(), e);
        }
        try {
            return report(ReportJson.read(text, DriftReportDocument.TYPE, file.toString()), file.toString());
        }
        catch (ReportFormatException e) {
            throw new MlStagesException(e.getMessage(), e);
        }
    }

    /**
     * A report from its JSON tree (as {@link #toJson} makes it).
     *
     * @param origin where the tree came from, for error messages
     * @throws MlStagesException naming the origin when the tree is not a drift report this version can read
     */
    public static DriftReport fromJson(final JsonNode root, final String origin) {
        try {
            return report(ReportJson.read(root, DriftReportDocument.TYPE, origin), origin);
        }
        catch (ReportFormatException e) {
            throw new MlStagesException(e.getMessage(), e);
        }
    }

    /**
     * The engine's report of a document.
     *
     * @throws MlStagesException naming the origin when a type, role or method is not one this build knows
     */
    static DriftReport report(final DriftReportDocument document, final String origin) {
        try {
            return new DriftReport(document.schemaVersion(), document.reference(), document.current(),
                    document.referenceRows(), document.currentRows(), document.datasetDrift(), document.driftShare(),
                    document.driftShareThreshold(), document.columns().stream().map(DriftReportJson::column).toList(),
                    BadRowsJson.rows(document.badRows()), FalseAlarmsReport.alarms(document.falseAlarms()),
                    ConstraintReport.violations(document.constraints()), SegmentReports.segments(document.segments()),
                    MultivariateReport.drift(document.multivariate()));
        }
        catch (IllegalArgumentException e) {
            throw new MlStagesException(origin + ": malformed drift report: " + e.getMessage(), e);
        }
    }

    private static String text(final String value) {
        return value == null ? "" : value;
    }

    /** The engine's column of a verdict (also each segment's columns). */
    static ColumnDrift column(final ColumnVerdict c) {
        // an absent type, role or method is text no parser knows: refused as malformed
        return new ColumnDrift(c.name(), ColumnType.parse(text(c.type())),
                Role.valueOf(text(c.role()).toUpperCase(Locale.ROOT)), DriftMethod.parse(text(c.method())), c.score(), c.threshold(), c.pValue(), c.alpha(), c.drift(),
                c.referenceCount(), c.currentCount(), c.referenceMissingRate(), c.currentMissingRate(),
                c.missingDrift(), c.referenceNonFiniteRate(), c.currentNonFiniteRate(), c.nonFiniteDrift(), c.exact(),
                c.note());
    }
}
