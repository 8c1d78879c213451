package io.mlstages.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A drift report: what {@code mlstages drift --json} writes, and the first part of a check's report. A new section
 * is one more component at the end, {@code @JsonInclude(NON_NULL)} when older reports lack it (see
 * docs/architecture.md).
 *
 * @param schemaVersion       the schema version it was written with
 * @param reference           what the reference was (a file or a profile)
 * @param current             the current data
 * @param referenceRows       rows in the reference
 * @param currentRows         rows in the current data
 * @param datasetDrift        whether the share of drifted feature columns reached the threshold
 * @param driftShare          the share of feature columns that drifted
 * @param driftShareThreshold the share at which the dataset counts as drifted
 * @param driftedColumns      how many columns drifted
 * @param columns             one verdict per column
 * @param badRows             the rows reading skipped, or null when none was
 * @param falseAlarms         the false-alarm control and what it implies, or null when the check recorded none
 * @param constraints         the current data checked against its schema's constraints, or null without them
 * @param driftedSegments     how many segments drifted, or null when the check did not run per segment
 * @param segments            one verdict per segment, worst first; empty when the check did not run per segment
 * @param multivariate        the domain classifier's verdict, or null when it did not run
 */
@JsonPropertyOrder({"schemaVersion", "kind"})
public record DriftReportDocument(int schemaVersion, String reference, String current, long referenceRows,
        long currentRows, @JsonProperty(required = true) boolean datasetDrift, double driftShare,
        double driftShareThreshold, int driftedColumns, @JsonProperty(required = true) List<ColumnVerdict> columns,
        @JsonInclude(JsonInclude.Include.NON_NULL) BadRowsLog badRows,
        @JsonInclude(JsonInclude.Include.NON_NULL) FalseAlarmFigures falseAlarms,
        @JsonInclude(JsonInclude.Include.NON_NULL) ConstraintChecks constraints,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer driftedSegments,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SegmentVerdict> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) MultivariateVerdict multivariate) {

    /** The {@code kind} of a drift report, and the schema version this build writes. */
    public static final DocumentType<DriftReportDocument> TYPE = new DocumentType<>(DriftReportDocument.class,
            "mlstages-drift-report", "drift report", "schemaVersion", 1);

    public DriftReportDocument {
        // the codec refuses a version below 1: 0 is the field's absence, which means the first version
        schemaVersion = schemaVersion == 0 ? 1 : schemaVersion;
        columns = columns == null ? List.of() : List.copyOf(columns);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** The document's kind, written second. */
    @JsonProperty("kind")
    public String kind() {
        return TYPE.kind();
    }
}
