package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.mlstages.TestData;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiler;
import io.mlstages.profile.Profiles;

class CellRowTest {
    /** The header and the rows of a shipped CSV file that has no quoted cells, split at its commas. */
    static List<String[]> cells(final Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(String.join("\n", lines)).doesNotContain("\"");
        return lines.stream().map(line -> Arrays.stream(line.split(",", -1)).map(c -> c.isEmpty() ? null : c)
                .toArray(String[]::new)).toList();
    }

    private static Schema schemaOf(final Path file) {
        try (RowSource source = DataReader.open(file, ReadOptions.defaults())) {
            return source.schema();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"german-credit.csv", "chicago-2002.csv", "seattle-weather.csv"})
    void shouldInferTheSchemaTheReaderInfersFromTheSameFile(final String name) throws IOException {
        Path file = TestData.dataset(name);
        List<String[]> all = cells(file);

        Schema inferred = CellRow.infer(name, List.of(all.get(0)), all.subList(1, all.size()), ReadOptions.defaults());

        assertThat(inferred.columns()).isEqualTo(schemaOf(file).columns());
        assertThat(inferred.columns()).extracting(Column::type).contains(ColumnType.NUMERIC, ColumnType.CATEGORICAL);
    }

    @Test
    void shouldApplyTypeOverridesAndRefuseAnUnknownColumn() throws IOException {
        List<String[]> all = cells(TestData.dataset("german-credit.csv"));
        List<String> names = List.of(all.get(0));
        ReadOptions options = ReadOptions.defaults().withTypes(Map.of("age", ColumnType.CATEGORICAL));

        Schema schema = CellRow.infer("german", names, all.subList(1, all.size()), options);

        assertThat(schema.find("age").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(CellRow.origins(schema, options, 1000)).contains("declared categorical with --type age=categorical",
                "inferred numeric from the first 1000 rows");
        assertThatThrownBy(() -> CellRow.infer("german", names, all.subList(1, all.size()),
                ReadOptions.defaults().withTypes(Map.of("agee", ColumnType.NUMERIC))))
                .isInstanceOf(DataException.class).hasMessageContaining("agee").hasMessageContaining("'age'");
        assertThatThrownBy(() -> CellRow.infer("empty.csv", names, List.of(), ReadOptions.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("empty.csv").hasMessageContaining("no rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"german-credit.csv", "chicago-2002.csv", "seattle-weather.csv"})
    void shouldProfileCellsAsTheReaderProfilesTheFile(final String name) throws IOException {
        Path file = TestData.dataset(name);
        List<String[]> all = cells(file);
        ReadOptions options = ReadOptions.defaults();
        Schema schema = CellRow.infer(name, List.of(all.get(0)), all.subList(1, all.size()), options);
        CellRow row = new CellRow(name, schema, CellRow.origins(schema, options, all.size() - 1), options);

        Profile profile;
        try (Profiler profiler = new Profiler(schema, ProfileSettings.defaults())) {
            for (int i = 1; i < all.size(); i++) {
                row.putCells(all.get(i), i + 1);
                profiler.add(row);
            }
            profile = profiler.finish(List.of(new Profile.Source(name, null, all.size() - 1)));
        }

        assertThat(profile.columns()).isEqualTo(Profiles.of(file, options, ProfileSettings.defaults()).columns());
    }

    @Test
    void shouldRefuseACellThatDoesNotFitItsColumnNamingColumnValueAndRow() throws IOException {
        List<String[]> all = cells(TestData.dataset("german-credit.csv"));
        ReadOptions options = ReadOptions.defaults();
        Schema schema = CellRow.infer("part-0001.csv", List.of(all.get(0)), all.subList(1, 11), options);
        CellRow row = new CellRow("part-0001.csv", schema, CellRow.origins(schema, options, 10), options);
        String[] bad = all.get(12).clone();
        bad[schema.indexOf("age")] = "sixty";

        assertThatThrownBy(() -> row.putCells(bad, 12)).isInstanceOf(DataException.class)
                .hasMessageContaining("part-0001.csv").hasMessageContaining("age").hasMessageContaining("sixty")
                .hasMessageContaining("12").hasMessageContaining("inferred numeric from the first 10 rows");
    }

    @Test
    void shouldTypeMissingTokensNumbersAndBooleansAsTheReader() {
        Schema schema = new Schema(List.of(new Column("x", ColumnType.NUMERIC), new Column("ok", ColumnType.BOOLEAN),
                new Column("city", ColumnType.CATEGORICAL)));
        CellRow row = new CellRow("rows", schema, List.of("a", "b", "c"), ReadOptions.defaults());

        row.putCells(new String[] {" 2.5 ", "yes", " Oslo"}, 2);
        assertThat(row.number(0)).isEqualTo(2.5);
        assertThat(row.bool(1)).isTrue();
        assertThat(row.text(2)).isEqualTo(" Oslo"); // categories keep their text untrimmed, as the reader does

        row.putCells(new String[] {"NA", null}, 3); // a short row: its last cells are absent
        assertThat(row.isMissing(0)).isTrue();
        assertThat(row.isMissing(1)).isTrue();
        assertThat(row.isMissing(2)).isTrue();
        assertThatThrownBy(() -> row.number(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("'x'");
    }

    @Test
    void shouldHoldTypedValuesUntilTheNextRow() {
        Schema schema = new Schema(List.of(new Column("x", ColumnType.NUMERIC), new Column("ok", ColumnType.BOOLEAN),
                new Column("city", ColumnType.CATEGORICAL)));
        CellRow row = new CellRow("table", schema, List.of("a", "b", "c"), ReadOptions.defaults());

        row.startRow(1);
        row.putNumber(0, Double.NaN);
        row.putText(2, "NA"); // a typed string is a value: the missing tokens are for text files
        assertThat(row.isMissing(0)).isFalse();
        assertThat(row.number(0)).isNaN();
        assertThat(row.isMissing(1)).isTrue();
        assertThat(row.text(2)).isEqualTo("NA");

        row.startRow(2);
        row.putBool(1, false);
        assertThat(row.isMissing(0)).isTrue();
        assertThat(row.bool(1)).isFalse();
        assertThat(row.isMissing(2)).isTrue();
        assertThat(row.next()).isFalse();
    }
}
