package io.mlstages.drift;

import io.mlstages.TestData;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drift check use case on the Chicago ridership files: datasets, stored profiles, several files, re-typing. */
class DriftCheckTest {
    private static final Path Y2002 = TestData.dataset("chicago-2002.csv");
    private static final Path Y2008 = TestData.dataset("chicago-2008.csv");
    private static final Path Y2010A = TestData.dataset("chicago-2010-a.csv");
    private static final Path Y2010B = TestData.dataset("chicago-2010-b.csv");

    @TempDir
    Path temp;

    @Test
    void shouldFindTheRidershipRiseBetween2002And2008() {
        AtomicInteger observed = new AtomicInteger();
        DriftCheck.Result result = DriftCheck.run(new DriftCheck.Request(Y2002, List.of(Y2008), null, null, null,
                source -> {
                    observed.incrementAndGet();
                    return source;
                }));

        assertThat(result.report().datasetDrift()).isTrue();
        assertThat(result.report().drifted()).extracting(ColumnDrift::name).contains("Clark_Lake", "ridership");
        assertThat(result.reference().rows()).isEqualTo(365);
        assertThat(result.current().rows()).isEqualTo(366);
        // both files were read through the observer (the command line's progress)
        assertThat(observed.get()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheSameReportForAStoredReferenceProfile() {
        Path stored = temp.resolve("chicago-2002.profile.json");
        ProfileJson.write(Profiles.of(Y2002, ReadOptions.defaults(), ProfileSettings.defaults()), stored);

        DriftReport fromData = DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(Y2008))).report();
        DriftReport fromProfile = DriftCheck.run(DriftCheck.Request.of(stored, List.of(Y2008))).report();

        assertThat(fromProfile.datasetDrift()).isEqualTo(fromData.datasetDrift());
        assertThat(fromProfile.drifted()).extracting(ColumnDrift::name)
                .containsExactlyElementsOf(fromData.drifted().stream().map(ColumnDrift::name).toList());
    }

    @Test
    void shouldReadSeveralCurrentFilesAsOneSample() {
        DriftCheck.Result halves = DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(Y2010A, Y2010B)));

        assertThat(halves.current().rows()).isEqualTo(182 + 183);
        assertThat(halves.current().sources()).hasSize(2);
        // two halves of one year do not drift from each other
        assertThat(DriftCheck.run(DriftCheck.Request.of(Y2010A, List.of(Y2010B))).report().datasetDrift())
                .isFalse();
    }

    @Test
    void shouldReadTheCurrentDataAgainWithTheReferenceTypes() throws IOException {
        // 'percip' left blank in every 2008 row: inference alone does not type it numeric; the reference says
        // numeric, so the current data is read again with that type
        Path blank = rewrite(Y2008, "percip", "");
        assertThat(Profiles.of(blank, ReadOptions.defaults(), ProfileSettings.defaults()).column("percip")
                .orElseThrow().type()).isNotEqualTo(ColumnType.NUMERIC);

        DriftCheck.Result result = DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(blank)));

        assertThat(result.current().column("percip").orElseThrow().type()).isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void shouldRefuseACurrentFileWithoutRowsNamingIt() throws IOException {
        Path empty = temp.resolve("empty.csv");
        Files.writeString(empty, Files.readAllLines(Y2008).get(0) + "\n");

        assertThatThrownBy(() -> DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(empty))))
                .isInstanceOf(DataException.class).hasMessageContaining("empty.csv").hasMessageContaining("no rows");
    }

    @Test
    void shouldNameTheFileWhoseColumnsDisagree() throws IOException {
        Path narrow = temp.resolve("narrow.csv");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Y2010B)) {
            lines.add(line.substring(0, line.lastIndexOf(',')));
        }
        Files.write(narrow, lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> DriftCheck.run(DriftCheck.Request.of(Y2002, List.of(Y2010A, narrow))))
                .hasMessageContaining("narrow.csv");
    }

    @Test
    void shouldRefuseARequestWithoutCurrentData() {
        assertThatThrownBy(() -> DriftCheck.Request.of(Y2002, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current");
    }

    /** The file with every cell of {@code column} replaced by {@code value}. */
    private Path rewrite(final Path file, final String column, final String value) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int index = List.of(lines.get(0).split(",", -1)).indexOf(column);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[index] = value;
            out.add(String.join(",", cells));
        }
        Path rewritten = temp.resolve(column + "-" + (value.isEmpty() ? "blank" : value) + ".csv");
        Files.write(rewritten, out, StandardCharsets.UTF_8);
        return rewritten;
    }
}
