package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.drift.DriftReport;
import io.mlstages.io.AtomicFiles;
import io.mlstages.metrics.Evaluation;
import io.mlstages.metrics.Task;
import io.mlstages.model.IncidentEvent;
import io.mlstages.model.ReportFormatException;
import io.mlstages.model.ReportJson;
import io.mlstages.model.ValidationReportDocument;
import io.mlstages.model.ValidationReportDocument.Gate;
import io.mlstages.model.ValidationReportDocument.Metrics;
import io.mlstages.model.ValidationReportDocument.ModelRef;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link ValidationReport}: the engine's report as the model's {@link ValidationReportDocument},
 * which {@link ReportJson} writes and reads. A number that is not finite (an undefined metric) is written as
 * {@code null}.
 *
 * <p>The text is deterministic (no time stamp, fixed field order), so that the SHA-256 a blessing records
 * identifies the report: {@link #sha256} of a report equals the SHA-256 of the file {@link #write} makes of it.</p>
 */
public final class ValidationReportJson {
    /** The {@code kind} field that marks a validation report. */
    public static final String KIND = ValidationReportDocument.TYPE.kind();

    private ValidationReportJson() {
    }

    /** The report as the document the model writes. */
    public static ValidationReportDocument document(final ValidationReport report) {
        return document(report, List.of());
    }

    /** As {@link #document(ValidationReport)}, with what the validation did to an incident ({@code --incident}). */
    public static ValidationReportDocument document(final ValidationReport report,
            final List<IncidentEvent> incidentEvents) {
        DriftReport drift = report.drift();
        return new ValidationReportDocument(report.schemaVersion(), report.passed(), report.task().label(),
                ref(report.model()), ref(report.baselineModel()), report.data(), report.dataSha256(),
                report.gates().size() - report.failed().size(), report.failed().size(),
                report.gates().stream().map(g -> new Gate(g.name(), g.kind().label(), g.metric(), g.value(), g.bound(),
                        g.baseline(), g.passed(), g.message())).toList(),
                metrics(report.metrics()), metrics(report.baselineMetrics()),
                drift == null ? null : DriftReportJson.document(drift),
                BadRowsJson.log(report.badRows()), ConstraintReport.checks(report.constraints()),
                BreakdownReport.document(report.breakdown()), incidentEvents);
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(final ValidationReport report) {
        return ReportJson.toTree(document(report));
    }

    /** The report as indented JSON text, ending with a newline: the exact bytes {@link #write} stores. */
    public static String toString(final ValidationReport report) {
        return toString(report, List.of());
    }

    /** As {@link #toString(ValidationReport)}, with what the validation did to an incident. */
    public static String toString(final ValidationReport report, final List<IncidentEvent> incidentEvents) {
        return ReportJson.toString(document(report, incidentEvents)) + "\n";
    }

    /** The SHA-256 of the report's JSON text, lower-case hex: what a blessing records. */
    public static String sha256(final ValidationReport report) {
        return sha256(report, List.of());
    }

    /** As {@link #sha256(ValidationReport)}, with what the validation did to an incident. */
    public static String sha256(final ValidationReport report, final List<IncidentEvent> incidentEvents) {
        return sha256(toString(report, incidentEvents).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the report to a file atomically.
     *
     * @return the SHA-256 of the bytes written, lower-case hex
     */
    public static String write(final ValidationReport report, final Path file) {
        return write(report, file, List.of());
    }

    /** As {@link #write(ValidationReport, Path)}, with what the validation did to an incident. */
    public static String write(final ValidationReport report, final Path file,
            final List<IncidentEvent> incidentEvents) {
        byte[] bytes = toString(report, incidentEvents).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        return sha256(bytes);
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws MlStagesException naming the file, and the field where there is one, when it is not a validation
     *                           report this version can read
     */
    public static ValidationReport read(final Path file) {
        String origin = file.toString();
        ValidationReportDocument document;
        try {
            document = ReportJson.read(Files.readString(file, StandardCharsets.UTF_8), ValidationReportDocument.TYPE,
                    origin);
        }
        catch (IOException e) {
            throw new MlStagesException(file + ": not a readable validation report: " + e.getMessage(), e);
        }
        catch (ReportFormatException e) {
            throw new MlStagesException(e.getMessage(), e);
        }
        try {
            Task task = Task.valueOf(document.task().toUpperCase(Locale.ROOT));
            return new ValidationReport(document.schemaVersion(), document.passed(), task,
                    identity(document.model()), identity(document.baselineModel()), document.data(),
                    document.dataSha256(), evaluation(task, document.metrics()),
                    evaluation(task, document.baselineMetrics()),
                    document.gates().stream().map(g -> new GateResult(g.name(),
                            GateResult.Kind.valueOf(g.kind().toUpperCase(Locale.ROOT)), g.metric(), g.value(),
                            g.bound(), g.baseline(), g.passed(), g.message())).toList(),
                    document.drift() == null ? null : DriftReportJson.report(document.drift(), origin + " (drift)"),
                    BadRowsJson.rows(document.badRows()), ConstraintReport.violations(document.constraints()),
                    BreakdownReport.breakdown(document.breakdown(), task));
        }
        catch (IllegalArgumentException | NullPointerException e) {
            throw new MlStagesException(origin + ": malformed validation report: " + e.getMessage(), e);
        }
    }

    @CheckForNull
    private static ModelRef ref(@CheckForNull final ModelIdentity model) {
        return model == null ? null : new ModelRef(model.name(), model.version(), model.sha256(), model.location());
    }

    @CheckForNull
    private static ModelIdentity identity(@CheckForNull final ModelRef ref) {
        return ref == null ? null : new ModelIdentity(ref.name(), ref.version(), ref.sha256(), ref.location());
    }

    @CheckForNull
    private static Metrics metrics(@CheckForNull final Evaluation evaluation) {
        return evaluation == null ? null : new Metrics(evaluation.rows(), evaluation.classes(), evaluation.metrics(),
                evaluation.confusion(), evaluation.notes());
    }

    @CheckForNull
    private static Evaluation evaluation(final Task task, @CheckForNull final Metrics metrics) {
        if (metrics == null) {
            return null;
        }
        // an undefined metric is written as null: NaN again, as the engine keeps it
        Map<String, Double> values = new LinkedHashMap<>();
        metrics.values().forEach((name, value) -> values.put(name, value != null ? value : Double.valueOf(Double.NaN)));
        return new Evaluation(task, metrics.rows(), metrics.classes(), values, metrics.confusionMatrix(),
                metrics.notes());
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
