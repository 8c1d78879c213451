package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mlstages.TestData;
import io.mlstages.data.CellRow;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.Schema;

class PartProfilesTest {
    private static final ReadOptions OPTIONS = ReadOptions.defaults();

    private static List<String[]> cells(final Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> Arrays.stream(line.split(",", -1)).map(c -> c.isEmpty() ? null : c)
                        .toArray(String[]::new)).toList();
    }

    /** The profile of rows [from, to) of the file's cells, with these settings. */
    private static Profile part(final Schema schema, final List<String[]> rows, final int from, final int to,
            final ProfileSettings settings) {
        CellRow row = new CellRow("part", schema, CellRow.origins(schema, OPTIONS, rows.size()), OPTIONS);
        try (Profiler profiler = new Profiler(schema, settings)) {
            for (int i = from; i < to; i++) {
                row.putCells(rows.get(i), i + 2);
                profiler.add(row);
            }
            return profiler.finish(List.of(new Profile.Source("part", null, to - from)));
        }
    }

    /** As {@link #part}, with a segment profile per value of these columns. */
    private static Profile segmentedPart(final Schema schema, final List<String[]> rows, final int from, final int to,
            final ProfileSettings settings, final List<String> segments, final int capacity) {
        CellRow row = new CellRow("part", schema, CellRow.origins(schema, OPTIONS, rows.size()), OPTIONS);
        try (SegmentedProfiler profiler = new SegmentedProfiler(schema, settings, segments, capacity)) {
            for (int i = from; i < to; i++) {
                row.putCells(rows.get(i), i + 2);
                profiler.add(row);
            }
            return profiler.finish(List.of(new Profile.Source("part", null, to - from)));
        }
    }

    private static void assertSameColumns(final Profile actual, final Profile expected) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.settings()).isEqualTo(expected.settings());
        for (int c = 0; c < expected.columns().size(); c++) {
            ColumnProfile want = expected.columns().get(c);
            ColumnProfile got = actual.columns().get(c);
            assertThat(got.name()).isEqualTo(want.name());
            assertThat(got.type()).isEqualTo(want.type());
            assertThat(got.missing()).as(want.name()).isEqualTo(want.missing());
            assertThat(got.categories()).as(want.name()).isEqualTo(want.categories());
            NumericSummary a = got.numeric();
            NumericSummary b = want.numeric();
            if (b == null) {
                assertThat(a).isNull();
                continue;
            }
            assertThat(a.finite()).isEqualTo(b.finite());
            assertThat(a.min()).isEqualTo(b.min());
            assertThat(a.max()).isEqualTo(b.max());
            assertThat(a.mean()).as(want.name()).isCloseTo(b.mean(), within(1e-9 * Math.max(1, Math.abs(b.mean()))));
            assertThat(a.std()).as(want.name()).isCloseTo(b.std(), within(1e-9 * Math.max(1, b.std())));
            assertThat(a.values()).as(want.name()).isEqualTo(b.values());
            assertThat(a.histogram()).as(want.name()).isEqualTo(b.histogram());
        }
    }

    @Test
    void shouldCombinePartsIntoTheProfileOfTheWholeFile() throws IOException {
        Path file = TestData.dataset("german-credit.csv");
        List<String[]> all = cells(file);
        List<String[]> rows = all.subList(1, all.size());
        Schema schema = CellRow.infer("german", List.of(all.get(0)), rows, OPTIONS);
        ProfileSettings settings = ProfileSettings.defaults();
        ProfileSettings parts = PartProfiles.partSettings(settings);
        List<Profile.Source> sources = List.of(new Profile.Source("german-credit.csv", null, rows.size()));

        Profile combined = PartProfiles.combine(List.of(part(schema, rows, 0, 0, parts), part(schema, rows, 0, 333, parts),
                part(schema, rows, 333, 333, parts), part(schema, rows, 333, 700, parts),
                part(schema, rows, 700, rows.size(), parts)), settings, sources);

        assertSameColumns(combined, Profiles.of(file, OPTIONS, settings));
        assertThat(combined.sources()).isEqualTo(sources);
    }

    @Test
    void shouldCountCategoriesExactlyWhereTheTopListOfAPartWouldCutThem() throws IOException {
        // chicago's date column has 365 distinct values: a top list of 5 per part would lose most counts
        Path file = TestData.dataset("chicago-2002.csv");
        List<String[]> all = cells(file);
        List<String[]> rows = all.subList(1, all.size());
        Schema schema = CellRow.infer("chicago", List.of(all.get(0)), rows, OPTIONS);
        ProfileSettings settings = ProfileSettings.defaults().withTopK(5).withExactLimit(50).withSketchK(32);
        ProfileSettings parts = PartProfiles.partSettings(settings);
        Profile whole = Profiles.of(file, OPTIONS, settings);
        int[] cuts = {0, 100, 200, 300, rows.size()};
        List<Profile> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            pieces.add(part(schema, rows, cuts[i], cuts[i + 1], parts));
        }

        Profile combined = PartProfiles.combine(pieces, settings, whole.sources());

        for (ColumnProfile column : whole.columns()) {
            ColumnProfile got = combined.column(column.name()).orElseThrow();
            assertThat(got.missing()).as(column.name()).isEqualTo(column.missing());
            if (column.categories() != null) {
                assertThat(got.categories()).as(column.name()).isEqualTo(column.categories());
                continue;
            }
            NumericSummary a = got.numeric();
            NumericSummary b = column.numeric();
            assertThat(a.isExact()).isFalse();
            assertThat(a.finite()).isEqualTo(b.finite());
            assertThat(a.min()).isEqualTo(b.min());
            assertThat(a.max()).isEqualTo(b.max());
            assertThat(a.mean()).isCloseTo(b.mean(), within(1e-9 * Math.max(1, Math.abs(b.mean()))));
        }
        // the plain merge of top-5 parts is not exact: which is why the parts keep every category
        Profile naive = pieces.stream().map(p -> new Profile(p.schemaVersion(), p.sources(), p.rows(), settings,
                p.columns().stream().map(c -> c.categories() == null ? c : new ColumnProfile(c.name(), c.type(),
                        c.count(), c.missing(), null, CategoryAccumulator.top(c.categories().top(),
                        c.categories().other(), c.categories().distinct(), 5))).toList()))
                .reduce(Profile::merge).orElseThrow();
        assertThat(naive.column("date").orElseThrow().categories().distinct())
                .isLessThan(whole.column("date").orElseThrow().categories().distinct());
    }

    @Test
    void shouldRefusePartsMadeWithOtherSettingsOrNone() throws IOException {
        List<String[]> all = cells(TestData.dataset("german-credit.csv"));
        List<String[]> rows = all.subList(1, all.size());
        Schema schema = CellRow.infer("german", List.of(all.get(0)), rows, OPTIONS);
        ProfileSettings settings = ProfileSettings.defaults();

        assertThatThrownBy(() -> PartProfiles.combine(List.of(part(schema, rows, 0, 10, settings)), settings,
                List.of())).isInstanceOf(ProfileException.class).hasMessageContaining("topK=100000");
        assertThatThrownBy(() -> PartProfiles.combine(List.of(), settings, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCombineSegmentedPartsIntoTheSegmentsOfOnePassOverTheFile() throws IOException {
        Path file = TestData.dataset("german-credit.csv");
        List<String[]> all = cells(file);
        List<String[]> rows = all.subList(1, all.size());
        Schema schema = CellRow.infer("german", List.of(all.get(0)), rows, OPTIONS);
        ProfileSettings settings = ProfileSettings.defaults().withTopK(3);
        ProfileSettings parts = PartProfiles.partSettings(settings);
        List<String> segments = List.of("housing", "purpose");
        int[] cuts = {0, 250, 250, 600, rows.size()};
        List<Profile> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            pieces.add(segmentedPart(schema, rows, cuts[i], cuts[i + 1], parts, segments, 40));
        }
        Profile whole = Profiles.of(file, OPTIONS, settings, java.util.function.UnaryOperator.identity(), segments, 40);

        Profile combined = PartProfiles.combine(pieces, settings, whole.sources(), 40);

        assertSameColumns(combined, whole);
        assertThat(combined.segments()).extracting(SegmentProfiles::column).containsExactly("housing", "purpose");
        for (SegmentProfiles want : whole.segments()) {
            SegmentProfiles got = combined.segments(want.column()).orElseThrow();
            // the same values in the same order (largest first), each with the profile of one pass
            assertThat(got.segments()).extracting(SegmentProfiles.Segment::value)
                    .containsExactlyElementsOf(want.segments().stream().map(SegmentProfiles.Segment::value).toList());
            for (SegmentProfiles.Segment segment : want.segments()) {
                assertSameColumns(got.segment(segment.value()).orElseThrow(), segment.profile());
            }
            assertThat(got.other().rows()).isZero();
            assertThat(got.rows()).isEqualTo(1000);
        }
    }

    @Test
    void shouldKeepTheLargestSegmentsWithinTheCapacityAndPoolTheRestInOther() throws IOException {
        // purpose has ten values; with a capacity of 3 the three largest keep their profiles
        Path file = TestData.dataset("german-credit.csv");
        List<String[]> all = cells(file);
        List<String[]> rows = all.subList(1, all.size());
        Schema schema = CellRow.infer("german", List.of(all.get(0)), rows, OPTIONS);
        ProfileSettings settings = ProfileSettings.defaults();
        ProfileSettings parts = PartProfiles.partSettings(settings);
        List<Profile> pieces = List.of(segmentedPart(schema, rows, 0, 500, parts, List.of("purpose"), 3),
                segmentedPart(schema, rows, 500, rows.size(), parts, List.of("purpose"), 3));
        ColumnProfile purpose = Profiles.of(file, OPTIONS, settings).column("purpose").orElseThrow();

        Profile combined = PartProfiles.combine(pieces, settings, List.of(), 3);

        SegmentProfiles got = combined.segments("purpose").orElseThrow();
        assertThat(got.segments()).hasSize(3);
        assertThat(got.rows()).isEqualTo(1000);
        assertThat(got.other().rows()).isEqualTo(1000 - got.segments().stream().mapToLong(s -> s.profile().rows())
                .sum()).isPositive();
        assertThat(got.other().settings()).isEqualTo(settings);
        // largest first: radio/tv, the most frequent purpose, is among the first three values of both halves, so
        // it keeps all its rows
        assertThat(got.segments().get(0).value()).isEqualTo(purpose.categories().top().get(0).value());
        assertThat(got.segments().get(0).profile().rows()).isEqualTo(purpose.categories().top().get(0).count());
        assertThat(got.segments()).extracting(s -> s.profile().rows()).isSortedAccordingTo(java.util.Comparator
                .reverseOrder());
        assertThatThrownBy(() -> PartProfiles.combine(pieces, settings, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
