package io.mlstages.steps;

import io.mlstages.model.SegmentVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One segment of a drift check ({@code segments}) as the build page shows it, in the report's order (worst first).
 * A segment's value is data: it is cut to {@value #MAX_CHARS} characters and its control characters shown as
 * {@code ?} here; the Jelly views escape the markup.
 *
 * @param name           {@code column=value}, {@code column=(missing)} or {@code column=(other)}
 * @param verdict        {@code drift}, {@code ok}, {@code too few rows} or {@code not in the reference}
 * @param drift          whether the segment drifted
 * @param referenceRows  its rows in the reference
 * @param currentRows    its rows in the current data
 * @param driftShare     its share of drifted columns as a percentage, or empty when it was not compared
 * @param driftedColumns the columns that drifted in it, comma-separated (each cut alike)
 */
public record SegmentView(String name, String verdict, boolean drift, long referenceRows, long currentRows,
        String driftShare, String driftedColumns) {
    /** The most characters of a column name or value shown. */
    static final int MAX_CHARS = 60;

    /** The segments of a report, none when the check did not run per segment. */
    static List<SegmentView> of(final List<SegmentVerdict> verdicts) {
        List<SegmentView> segments = new ArrayList<>();
        for (SegmentVerdict segment : verdicts) {
            String value = segment.other() ? "(other)" : segment.value() == null ? "(missing)" : segment.value();
            String status = segment.status() == null ? "" : segment.status();
            boolean drift = segment.datasetDrift();
            String verdict = drift ? "drift" : "compared".equals(status) ? "ok" : status.replace('-', ' ')
                    .replace("not in reference", "not in the reference");
            double share = segment.driftShare();
            segments.add(new SegmentView(bounded(segment.column() == null ? "" : segment.column()) + "="
                    + bounded(value), verdict, drift, segment.referenceRows(), segment.currentRows(),
                    Double.isNaN(share) ? "" : Math.round(share * 100) + "%",
                    String.join(", ", segment.driftedColumns().stream()
                            .map(c -> bounded(c == null ? "" : c)).toList())));
        }
        return segments;
    }

    /** The segments that drifted, as one line: {@code 2 of 7 segments drifted: region=north, ...}; empty if none. */
    static String note(final List<SegmentView> segments) {
        List<String> drifted = segments.stream().filter(SegmentView::drift).map(SegmentView::name).toList();
        if (drifted.isEmpty()) {
            return segments.isEmpty() ? "" : "No segment drifted (" + segments.size() + " checked)";
        }
        return String.format(Locale.ROOT, "%d of %d segments drifted: %s%s", drifted.size(), segments.size(),
                String.join(", ", drifted.subList(0, Math.min(3, drifted.size()))), drifted.size() > 3 ? ", ..." : "");
    }

    private static String bounded(final String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_CHARS).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029 ? '?' : c));
        int length = text.codePointCount(0, text.length());
        return length > MAX_CHARS ? out + "... (" + length + " characters)" : out.toString();
    }
}
