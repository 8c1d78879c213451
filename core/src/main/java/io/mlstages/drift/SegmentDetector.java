package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.SegmentProfiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The drift check per segment: for each segment column, the largest values by current rows are compared on their
 * own and the rest together as "other", each with {@link DriftDetector} and the check's options, from the
 * segment profiles both sides made while they were read (see {@code io.mlstages.profile.SegmentedProfiler}).
 * See docs/drift.md.
 */
public final class SegmentDetector {
    private SegmentDetector() {
    }

    /** Worst first: the largest share of drifted columns, then the most current rows; segments not compared last. */
    static final Comparator<SegmentDrift> WORST_FIRST = Comparator
            .comparing((SegmentDrift s) -> s.status() != SegmentDrift.Status.COMPARED)
            .thenComparing(s -> !s.datasetDrift())
            .thenComparing(s -> Double.isNaN(s.driftShare()) ? 0 : -s.driftShare())
            .thenComparing(s -> -s.currentRows())
            .thenComparing(SegmentDrift::column)
            .thenComparing(s -> s.other() ? "\uffff" : s.value() == null ? "" : s.value());

    /**
     * This report with the verdicts of the segments the options ask for, unchanged when they ask for none. Under
     * false discovery rate control ({@code --fdr}) the whole data and every judged segment form one
     * Benjamini-Hochberg family, so the whole data's verdicts are judged again within it.
     *
     * @throws DriftException when a side's profile has no segments for a segment column (a stored profile made
     *                        without {@code --segment COLUMN}), or a segment column is all that would be compared
     */
    public static DriftReport into(final DriftReport report, final Profile reference, final Profile current,
            final DriftOptions options) {
        if (!options.segments().enabled()) {
            return report;
        }
        List<Planned> planned = plan(reference, current, options);
        if (options.falseAlarms().fdr() == null) {
            List<SegmentDrift> all = new ArrayList<>();
            for (Planned segment : planned) {
                all.add(segment.judged() ? segment.verdict(DriftDetector.compare(segment.judgedReference(),
                        segment.current(), segment.options())) : segment.unjudged());
            }
            all.sort(WORST_FIRST);
            return report.withSegments(all);
        }
        List<DriftDetector.Comparison> comparisons = new ArrayList<>();
        comparisons.add(new DriftDetector.Comparison(null, reference, current));
        for (Planned segment : planned) {
            if (segment.judged()) {
                comparisons.add(new DriftDetector.Comparison(segment.name(), segment.judgedReference(), segment.current(),
                        segment.options().columns()));
            }
        }
        List<DriftReport> reports = DriftDetector.compare(comparisons, options.withSegments(SegmentOptions.none()));
        List<SegmentDrift> all = new ArrayList<>();
        int next = 1;
        for (Planned segment : planned) {
            all.add(segment.judged() ? segment.verdict(reports.get(next++)) : segment.unjudged());
        }
        all.sort(WORST_FIRST);
        DriftReport whole = reports.get(0);
        List<FalseAlarms.Column> family = new ArrayList<>();
        for (DriftReport one : reports) {
            family.addAll(one.falseAlarms().columns());
        }
        // the whole data judged again in the joint family; what the first pass added (bad rows) stays
        return new DriftReport(report.schemaVersion(), report.reference(), report.current(), report.referenceRows(),
                report.currentRows(), whole.datasetDrift(), whole.driftShare(), whole.driftShareThreshold(),
                whole.columns(), report.badRows(), whole.falseAlarms().withColumns(family), report.constraints(), List.of(),
                report.multivariate()).withSegments(all);
    }

    /** A segment to judge, or to list as not judged (too few rows, not in the reference). */
    private record Planned(String column, @CheckForNull String value, boolean other, @CheckForNull Profile reference,
            Profile current, DriftOptions options, SegmentOptions segments) {
        boolean judged() {
            return reference != null && reference.rows() >= segments.minRows() && current.rows() >= segments.minRows();
        }

        /** The reference of a judged segment (which has one). */
        Profile judgedReference() {
            return Objects.requireNonNull(reference, "a judged segment's reference");
        }

        /** The segment's key in the false-discovery family. */
        String name() {
            return column + "=" + (other ? "(other)" : value == null ? "(missing)" : value);
        }

        SegmentDrift unjudged() {
            Profile ref = reference;
            if (ref == null) {
                return new SegmentDrift(column, value, other, SegmentDrift.Status.NOT_IN_REFERENCE, 0, current.rows(),
                        false, Double.NaN, List.of());
            }
            return new SegmentDrift(column, value, other, SegmentDrift.Status.TOO_FEW_ROWS, ref.rows(),
                    current.rows(), false, Double.NaN, List.of());
        }

        SegmentDrift verdict(final DriftReport report) {
            return new SegmentDrift(column, value, other, SegmentDrift.Status.COMPARED,
                    Objects.requireNonNull(reference, "reference").rows(), current.rows(), report.datasetDrift(),
                    report.driftShare(), report.columns());
        }
    }

    private static List<Planned> plan(final Profile reference, final Profile current, final DriftOptions options) {
        SegmentOptions segments = options.segments();
        DriftOptions each = perSegment(reference, options);
        List<Planned> all = new ArrayList<>();
        for (String column : segments.columns()) {
            SegmentProfiles ref = reference.segments(column).orElseThrow(() -> missing(reference, "reference",
                    column));
            SegmentProfiles cur = current.segments(column).orElseThrow(() -> missing(current, "current data",
                    column));
            all.addAll(column(ref, cur, each, segments));
        }
        return all;
    }

    private static List<Planned> column(final SegmentProfiles ref, final SegmentProfiles cur,
            final DriftOptions options, final SegmentOptions segments) {
        List<SegmentProfiles.Segment> largest = new ArrayList<>(cur.segments());
        largest.removeIf(s -> s.profile().rows() == 0);
        largest.sort(Comparator.comparingLong((SegmentProfiles.Segment s) -> -s.profile().rows())
                .thenComparing(s -> s.value() == null ? "" : s.value()));
        List<SegmentProfiles.Segment> chosen = largest.subList(0, Math.min(segments.maxSegments(), largest.size()));
        Set<String> values = new HashSet<>();
        List<Planned> result = new ArrayList<>();
        for (SegmentProfiles.Segment segment : chosen) {
            values.add(segment.value());
            Profile refProfile = ref.segment(segment.value()).orElse(null);
            result.add(new Planned(ref.column(), segment.value(), false, refProfile, segment.profile(), options,
                    segments));
        }
        Profile curOther = cur.other();
        for (SegmentProfiles.Segment segment : cur.segments()) {
            if (!values.contains(segment.value())) {
                curOther = curOther.merge(segment.profile());
            }
        }
        Profile refOther = ref.other();
        for (SegmentProfiles.Segment segment : ref.segments()) {
            if (!values.contains(segment.value())) {
                refOther = refOther.merge(segment.profile());
            }
        }
        if (curOther.rows() > 0 || refOther.rows() > 0) {
            result.add(new Planned(ref.column(), null, true, refOther, curOther, options, segments));
        }
        return result;
    }

    /** The check's options for one segment: the same, comparing every wanted column but the segment columns. */
    private static DriftOptions perSegment(final Profile reference, final DriftOptions options) {
        Set<String> segmentColumns = new HashSet<>(options.segments().columns());
        List<String> wanted = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (ColumnProfile column : reference.columns()) {
                wanted.add(column.name());
            }
        } else {
            wanted.addAll(options.columns());
        }
        wanted.removeIf(segmentColumns::contains);
        wanted.removeIf(name -> Objects.equals(name, options.target()) || Objects.equals(name, options.prediction()));
        if (wanted.isEmpty()) {
            throw new DriftException("Nothing to compare per segment: the compared columns are only the segment "
                    + "columns " + options.segments().columns());
        }
        return options.withColumns(wanted).withSegments(SegmentOptions.none());
    }

    /**
     * Checks that a profile has the segments the options ask for.
     *
     * @param side how messages name the profile, e.g. "reference"
     * @throws DriftException naming the first segment column the profile has no segments for
     */
    static void requireSegments(final Profile profile, final String side, final DriftOptions options) {
        for (String column : options.segments().columns()) {
            if (profile.segments(column).isEmpty()) {
                throw missing(profile, side, column);
            }
        }
    }

    private static DriftException missing(final Profile profile, final String side, final String column) {
        String from = profile.sources().isEmpty() ? "" : " (" + Texts.shortened(profile.sources().get(0).file(),
                Texts.QUOTED_CHARS) + ")";
        List<String> has = profile.segments().stream().map(SegmentProfiles::column).toList();
        return new DriftException("The " + side + "'s profile" + from + " has no segments for column "
                + Texts.quote(column) + (has.isEmpty() ? "; it was made without segments"
                : "; it has segments for " + has.stream().map(Texts::quote).toList())
                + ". Profile it again with 'mlstages profile --segment " + Texts.shortened(column, Texts.QUOTED_CHARS)
                + "' (for a registered model: train it with 'mlstages train --segment "
                + Texts.shortened(column, Texts.QUOTED_CHARS) + "'), or compare with the dataset itself.");
    }
}
