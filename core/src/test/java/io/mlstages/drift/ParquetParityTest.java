package io.mlstages.drift;

import io.mlstages.TestData;
import io.mlstages.data.ForwardingRowSource;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Parquet copy of committed CSV data (DuckDB read the CSV and wrote the Parquet, see
 * test-resources/parquet/MakeParquetFixtures.java) profiles and drifts exactly as the CSV does.
 */
class ParquetParityTest {
    @Test
    void shouldProfileAParquetCopyExactlyAsItsCsv() {
        for (String name : List.of("chicago-2002", "chicago-2008")) {
            Profile csv = Profiles.of(TestData.dataset(name + ".csv"), ReadOptions.defaults(), ProfileSettings.defaults());
            Profile parquet = Profiles.of(TestData.parquet(name + ".parquet"), ReadOptions.defaults(),
                    ProfileSettings.defaults());
            assertThat(parquet.rows()).isEqualTo(csv.rows());
            assertThat(parquet.columns()).hasSize(21);
            for (ColumnProfile column : csv.columns()) {
                assertThat(parquet.column(column.name())).as(name + " " + column.name()).contains(column);
            }
        }
    }

    /**
     * Profiling reads Parquet by column, straight into each column's accumulators; read by row (through a wrapper,
     * which turns reading by column off) the profile is the same, every count, sketch and category.
     */
    @Test
    void shouldProfileParquetByColumnExactlyAsByRow() {
        for (String name : List.of("types.parquet", "chicago-2008-parts", "breast-cancer-train.parquet",
                "wide.parquet")) {
            Path file = TestData.parquet(name);
            Profile byColumn = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults());
            Profile byRow = Profiles.of(file, ReadOptions.defaults(), ProfileSettings.defaults(),
                    source -> new ForwardingRowSource(source) { });
            assertThat(byColumn.rows()).as(name).isEqualTo(byRow.rows()).isPositive();
            assertThat(byColumn.columns()).as(name).isNotEmpty().isEqualTo(byRow.columns());
            assertThat(byColumn).as(name).isEqualTo(byRow);
        }
    }

    @Test
    void shouldGiveTheSameDriftVerdictsAsTheCsv() {
        DriftReport csv = DriftCheck.run(DriftCheck.Request.of(TestData.dataset("chicago-2002.csv"),
                List.of(TestData.dataset("chicago-2008.csv")))).report();
        DriftReport parquet = DriftCheck.run(DriftCheck.Request.of(TestData.parquet("chicago-2002.parquet"),
                List.of(TestData.parquet("chicago-2008-parts")))).report();
        assertThat(csv.datasetDrift()).isTrue();
        assertThat(parquet.datasetDrift()).isEqualTo(csv.datasetDrift());
        assertThat(parquet.driftShare()).isEqualTo(csv.driftShare());
        assertThat(parquet.columns()).hasSameSizeAs(csv.columns());
        for (int i = 0; i < csv.columns().size(); i++) {
            ColumnDrift expected = csv.columns().get(i);
            ColumnDrift actual = parquet.columns().get(i);
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.drift()).as(expected.name()).isEqualTo(expected.drift());
            assertThat(actual.method()).as(expected.name()).isEqualTo(expected.method());
            assertThat(actual.score()).as(expected.name()).isEqualTo(expected.score());
            assertThat(actual.pValue()).as(expected.name()).isEqualTo(expected.pValue());
        }
    }

    @Test
    void shouldReadOnlyTheComparedColumnsOfAParquetFile() {
        DriftOptions two = DriftOptions.defaults().withColumns(List.of("ridership", "temp"));
        Path reference = TestData.parquet("chicago-2002.parquet");
        DriftCheck.Result result = DriftCheck.run(new DriftCheck.Request(reference,
                List.of(TestData.parquet("chicago-2008.parquet")), two, ReadOptions.defaults(),
                ProfileSettings.defaults(), null));
        assertThat(result.current().columns()).extracting(ColumnProfile::name).containsExactly("ridership", "temp");
        DriftReport csv = DriftCheck.run(new DriftCheck.Request(TestData.dataset("chicago-2002.csv"),
                List.of(TestData.dataset("chicago-2008.csv")), two, ReadOptions.defaults(), ProfileSettings.defaults(),
                null)).report();
        assertThat(result.report().columns()).extracting(ColumnDrift::name, ColumnDrift::drift)
                .isEqualTo(csv.columns().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.drift()))
                        .toList());
    }
}
