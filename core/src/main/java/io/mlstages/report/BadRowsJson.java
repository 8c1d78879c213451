package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.BadRows;
import io.mlstages.model.BadRowsLog;

/**
 * The skipped rows in a report: {@code "badRows": {"total": n, "rows": [{"file", "line", "column", "problem"}]}},
 * present only when rows were skipped, so that reports of clean reads stay as they were.
 */
public final class BadRowsJson {
    private BadRowsJson() {
    }

    /** The report's {@code badRows}, or null (no field) when no row was skipped. */
    @CheckForNull
    public static BadRowsLog log(final BadRows bad) {
        return bad.any() ? new BadRowsLog(bad.total(), bad.rows().stream()
                .map(r -> new BadRowsLog.Row(r.file(), r.line(), r.column(), r.problem())).toList()) : null;
    }

    /** The skipped rows of a report; none when it has no {@code badRows}. */
    public static BadRows rows(@CheckForNull final BadRowsLog log) {
        return log == null ? BadRows.none() : new BadRows(log.total(), log.rows().stream()
                .map(r -> new BadRows.Row(r.file(), r.line(), r.column(), r.problem())).toList());
    }
}
