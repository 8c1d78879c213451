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
 */
@JsonPropertyOrder({"schemaVersion", "kind"})
public record DriftReportDocument(int schemaVersion, String reference, String current, long referenceRows,
        long currentRows, @JsonProperty(required = true) boolean datasetDrift, double driftShare,
        double driftShareThreshold, int driftedColumns, @JsonProperty(required = true) List<ColumnVerdict> columns,
        @JsonInclude(JsonInclude.Include.NON_NULL) BadRowsLog badRows) {

    /** The {@code kind} of a drift report, and the schema version this build writes. */
    public static final DocumentType<DriftReportDocument> TYPE = new DocumentType<>(DriftReportDocument.class,
            "mlstages-drift-report", "drift report", "schemaVersion", 1);

    public DriftReportDocument {
        // the codec refuses a version below 1: 0 is the field's absence, which means the first version
        schemaVersion = schemaVersion == 0 ? 1 : schemaVersion;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** The document's kind, written second. */
    @JsonProperty("kind")
    public String kind() {
        return TYPE.kind();
    }
}
