package io.mlstages.drift;

import io.mlstages.TestData;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.profile.SegmentProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drift check per segment on the German credit data: the test split against the training split (a random
 * split, so no drift), with drift made in one segment only.
 */
class SegmentDriftTest {
    private static final Path TRAIN = TestData.dataset("german-credit-train.csv");
    private static final Path TEST = TestData.dataset("german-credit-test.csv");
    /** Three numeric columns, so that a segment drifts when two of them do. */
    private static final List<String> COLUMNS = List.of("duration", "credit_amount", "age");

    @TempDir
    Path temp;

    @Test
    void shouldNameTheOneDriftedSegmentFirstAndFindTheOthersClean() throws IOException {
        Path current = edited("rent-drift.csv", "housing", "rent", UnaryOperator.identity(), SegmentDriftTest::shift);
        DriftOptions options = DriftOptions.defaults().withColumns(COLUMNS)
                .withSegments(SegmentOptions.of(List.of("housing")));

        DriftReport report = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current), options, null, null,
                null)).report();

        List<SegmentDrift> segments = report.segments();
        assertThat(segments).extracting(SegmentDrift::label).containsExactly("rent", "own", "for free");
        SegmentDrift rent = segments.get(0);
        assertThat(rent.status()).isEqualTo(SegmentDrift.Status.COMPARED);
        assertThat(rent.datasetDrift()).isTrue();
        assertThat(rent.referenceRows()).isEqualTo(134);
        assertThat(rent.currentRows()).isEqualTo(45);
        assertThat(rent.drifted()).extracting(ColumnDrift::name).containsExactlyInAnyOrder(COLUMNS.toArray(
                String[]::new));
        // the segment column itself is not compared within its own segments
        assertThat(rent.columns()).extracting(ColumnDrift::name).doesNotContain("housing");
        assertThat(rent.columns()).allSatisfy(c -> assertThat(c.pValue()).isNotNull());
        SegmentDrift own = segments.get(1);
        assertThat(own.status()).isEqualTo(SegmentDrift.Status.COMPARED);
        assertThat(own.datasetDrift()).isFalse();
        assertThat(own.drifted()).isEmpty();
        assertThat(own.currentRows()).isEqualTo(180);
        // 25 current rows: reported, not silently dropped, and not judged
        SegmentDrift free = segments.get(2);
        assertThat(free.status()).isEqualTo(SegmentDrift.Status.TOO_FEW_ROWS);
        assertThat(free.currentRows()).isEqualTo(25);
        assertThat(free.datasetDrift()).isFalse();
        // one drifted segment makes the whole check a finding
        assertThat(report.datasetDrift()).isTrue();
        assertThat(report.driftedSegments()).containsExactly(rent);
    }

    @Test
    void shouldFindASegmentDriftThatTheWholeDataHides() throws IOException {
        // a milder change: nine more months and 60 % larger loans for tenants, 18 % of the rows
        Path current = edited("rent-mild.csv", "housing", "rent", UnaryOperator.identity(), (row, header) -> {
            int duration = header.indexOf("duration");
            int amount = header.indexOf("credit_amount");
            row[duration] = Integer.toString(Integer.parseInt(row[duration]) + 9);
            row[amount] = Integer.toString((int) (Integer.parseInt(row[amount]) * 1.6));
            return row;
        });
        DriftOptions options = DriftOptions.defaults().withColumns(COLUMNS);

        DriftReport whole = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current), options, null, null,
                null)).report();
        DriftReport segmented = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current),
                options.withSegments(SegmentOptions.of(List.of("housing"))), null, null, null)).report();

        assertThat(whole.drifted()).isEmpty();
        assertThat(whole.datasetDrift()).isFalse();
        assertThat(segmented.drifted()).isEmpty();
        assertThat(segmented.datasetDrift()).isTrue();
        assertThat(segmented.segments().get(0).label()).isEqualTo("rent");
        assertThat(segmented.segments().get(0).drifted()).extracting(ColumnDrift::name)
                .containsExactly("duration", "credit_amount");
        assertThat(segmented.segments().subList(1, 3)).noneMatch(SegmentDrift::datasetDrift);
    }

    @Test
    void shouldJudgeTheWholeDataAndEverySegmentInOneFalseDiscoveryFamily() throws IOException {
        Path current = edited("rent-drift.csv", "housing", "rent", UnaryOperator.identity(), SegmentDriftTest::shift);
        DriftOptions options = DriftOptions.defaults().withColumns(COLUMNS)
                .withSegments(SegmentOptions.of(List.of("housing")))
                .withFalseAlarms(new FalseAlarmOptions(0.05, null, null));

        DriftReport report = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current), options, null, null,
                null)).report();

        FalseAlarms alarms = report.falseAlarms();
        assertThat(alarms.control()).isEqualTo(FalseAlarms.Control.FDR);
        // three columns of the whole data, three of each judged segment (rent, own); "for free" is too small
        assertThat(alarms.tests()).isEqualTo(9);
        assertThat(alarms.columns()).extracting(FalseAlarms.Column::segment)
                .containsOnly(null, "housing=rent", "housing=own");
        // the planted drift survives the larger family, the clean segment stays clean
        SegmentDrift rent = report.segments().get(0);
        assertThat(rent.label()).isEqualTo("rent");
        assertThat(rent.datasetDrift()).isTrue();
        assertThat(report.segments().get(1).datasetDrift()).isFalse();
        // each judged column's alpha is the family's cutoff, the same in the whole data and in the segments
        double cutoff = report.columns().get(0).alpha();
        assertThat(rent.columns()).allSatisfy(c -> assertThat(c.alpha()).isEqualTo(cutoff));
        assertThat(report.datasetDrift()).isTrue();
    }

    @Test
    void shouldFindNoSegmentDriftBetweenTheRandomSplits() {
        DriftOptions options = DriftOptions.defaults().withColumns(COLUMNS)
                .withSegments(new SegmentOptions(List.of("housing", "purpose"), 3, 20));

        DriftReport report = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(TEST), options, null, null, null))
                .report();

        assertThat(report.driftedSegments()).isEmpty();
        assertThat(report.datasetDrift()).isFalse();
        // purpose: the three largest by current rows, then everything else as "other"
        assertThat(report.segments()).filteredOn(s -> s.column().equals("purpose")).extracting(SegmentDrift::label)
                .containsExactlyInAnyOrder("radio/tv", "new car", "furniture/equipment", "(other)");
        SegmentDrift other = report.segments().stream().filter(SegmentDrift::other).findFirst().orElseThrow();
        assertThat(other.currentRows()).isEqualTo(250 - 59 - 52 - 51);
        assertThat(other.referenceRows()).isEqualTo(750 - 221 - 182 - 130);
        assertThat(other.status()).isEqualTo(SegmentDrift.Status.COMPARED);
    }

    @Test
    void shouldReportASegmentValueTheReferenceNeverHadWithoutJudgingIt() throws IOException {
        // 40 of the "own" rows move to a housing value the training data never had
        int[] moved = {0};
        Path current = edited("caravan.csv", "housing", "own", row -> moved[0]++ < 40 ? "caravan" : row,
                UnaryOperator.identity());
        List<String> compared = new ArrayList<>(COLUMNS);
        compared.add("housing");
        DriftOptions options = DriftOptions.defaults().withColumns(compared)
                .withSegments(SegmentOptions.of(List.of("housing")));

        DriftReport report = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current), options, null, null,
                null)).report();

        SegmentDrift caravan = report.segments().stream().filter(s -> "caravan".equals(s.value())).findFirst()
                .orElseThrow();
        assertThat(caravan.status()).isEqualTo(SegmentDrift.Status.NOT_IN_REFERENCE);
        assertThat(caravan.currentRows()).isEqualTo(40);
        assertThat(caravan.referenceRows()).isZero();
        assertThat(caravan.columns()).isEmpty();
        assertThat(report.driftedSegments()).isEmpty();
        // not compared: after the compared segments
        assertThat(report.segments().get(report.segments().size() - 1).status())
                .isNotEqualTo(SegmentDrift.Status.COMPARED);
        // the whole-data check sees the new level in the segment column itself
        assertThat(report.drifted()).extracting(ColumnDrift::name).contains("housing");
    }

    @Test
    void shouldGiveTheSameSegmentVerdictsFromAStoredReferenceProfile() throws IOException {
        Path current = edited("rent-drift.csv", "housing", "rent", UnaryOperator.identity(), SegmentDriftTest::shift);
        SegmentOptions segments = SegmentOptions.of(List.of("housing"));
        Path stored = temp.resolve("train.profile.json");
        ProfileJson.write(Profiles.of(TRAIN, ReadOptions.defaults(), ProfileSettings.defaults(), source -> source,
                segments.columns(), segments.capacity()), stored);
        DriftOptions options = DriftOptions.defaults().withColumns(COLUMNS).withSegments(segments);

        DriftReport fromData = DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(current), options, null, null,
                null)).report();
        DriftReport fromProfile = DriftCheck.run(new DriftCheck.Request(stored, List.of(current), options, null, null,
                null)).report();

        assertThat(ProfileJson.read(stored).schemaVersion()).isEqualTo(Profile.SEGMENTS_SCHEMA_VERSION);
        assertThat(fromProfile.segments()).isEqualTo(fromData.segments());
        assertThat(fromProfile.segments().get(0).label()).isEqualTo("rent");
        assertThat(fromProfile.segments().get(0).datasetDrift()).isTrue();
    }

    @Test
    void shouldSayThatAStoredProfileWithoutSegmentsCannotBeCheckedPerSegment() {
        Path stored = temp.resolve("plain.profile.json");
        ProfileJson.write(Profiles.of(TRAIN, ReadOptions.defaults(), ProfileSettings.defaults()), stored);
        DriftOptions options = DriftOptions.defaults().withSegments(SegmentOptions.of(List.of("housing")));

        assertThatThrownBy(() -> DriftCheck.run(new DriftCheck.Request(stored, List.of(TEST), options, null, null,
                null))).isInstanceOf(DriftException.class)
                .hasMessageContaining("reference's profile")
                .hasMessageContaining("no segments for column 'housing'")
                .hasMessageContaining("mlstages profile --segment housing");
        Profile plain = ProfileJson.read(stored);
        assertThatThrownBy(() -> DriftCheck.against(plain, "the training profile's", List.of(TEST), options, null))
                .isInstanceOf(DriftException.class).hasMessageContaining("no segments for column 'housing'");
    }

    @Test
    void shouldProfileTheSegmentsInTheSamePassAsTheWhole() {
        Profile plain = Profiles.of(TEST, ReadOptions.defaults(), ProfileSettings.defaults());
        Profile segmented = Profiles.of(TEST, ReadOptions.defaults(), ProfileSettings.defaults(), source -> source,
                List.of("purpose"), 4);

        // the whole profile is what a plain profiler makes
        assertThat(segmented.columns()).isEqualTo(plain.columns());
        assertThat(segmented.sources()).isEqualTo(plain.sources());
        SegmentProfiles purpose = segmented.segments("purpose").orElseThrow();
        // four values kept apart (the first four met), the rest in "other"; every row in exactly one
        assertThat(purpose.segments()).hasSize(4);
        assertThat(purpose.rows()).isEqualTo(250);
        assertThat(purpose.other().rows()).isPositive();
        for (SegmentProfiles.Segment segment : purpose.segments()) {
            assertThat(segment.profile().column("purpose").orElseThrow().categories().top())
                    .singleElement().satisfies(c -> assertThat(c.value()).isEqualTo(segment.value()));
        }
    }

    @Test
    void shouldNameASegmentColumnTheDataDoesNotHave() {
        DriftOptions options = DriftOptions.defaults().withSegments(SegmentOptions.of(List.of("region")));

        assertThatThrownBy(() -> DriftCheck.run(new DriftCheck.Request(TRAIN, List.of(TEST), options, null, null,
                null))).hasMessageContaining("segment column 'region' is not in the data")
                .hasMessageContaining("german-credit");
    }

    /** The rent segment's applicants: longer, larger loans and older, as a new product for tenants would bring. */
    private static String[] shift(final String[] row, final List<String> header) {
        int duration = header.indexOf("duration");
        int amount = header.indexOf("credit_amount");
        int age = header.indexOf("age");
        row[duration] = Integer.toString(Integer.parseInt(row[duration]) + 24);
        row[amount] = String.format(Locale.ROOT, "%d", Integer.parseInt(row[amount]) * 3);
        row[age] = Integer.toString(Integer.parseInt(row[age]) + 20);
        return row;
    }

    private interface RowEdit {
        String[] apply(String[] row, List<String> header);
    }

    /** The test split with the rows whose {@code column} is {@code value} edited: the value itself, then the row. */
    private Path edited(final String name, final String column, final String value,
            final UnaryOperator<String> newValue, final RowEdit edit) throws IOException {
        List<String> lines = Files.readAllLines(TEST, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int position = header.indexOf(column);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            if (row[position].equals(value)) {
                row = edit.apply(row, header);
                row[position] = newValue.apply(row[position]);
            }
            out.add(String.join(",", row));
        }
        Path file = temp.resolve(name);
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private Path edited(final String name, final String column, final String value,
            final UnaryOperator<String> newValue, final UnaryOperator<String[]> edit) throws IOException {
        return edited(name, column, value, newValue, (row, header) -> edit.apply(row));
    }
}
