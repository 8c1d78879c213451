package io.mlstages.data;

import static io.mlstages.data.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFileTest {
    @TempDir
    Path temp;

    @Test
    void shouldReadTypesIncludingShortNames() {
        assertThat(SchemaFile.read(fixture("schema.json")).columns()).containsExactly(
                new Column("id", ColumnType.CATEGORICAL),
                new Column("comment", ColumnType.CATEGORICAL),
                new Column("score", ColumnType.NUMERIC));
    }

    @Test
    void shouldWriteASchemaThatReadsBackEqual() throws IOException {
        Schema schema = new Schema(List.of(new Column("a.b", ColumnType.NUMERIC),
                new Column("quote\"d", ColumnType.BOOLEAN), new Column("c", ColumnType.CATEGORICAL)));
        Path file = temp.resolve("schema.json");
        SchemaFile.write(file, schema);
        assertThat(SchemaFile.read(file)).isEqualTo(schema);
        assertThat(Files.readString(file)).contains("\"type\" : \"boolean\"");
    }

    @Test
    void shouldWriteTheSchemaOfAFileThatWasRead() {
        Path file = temp.resolve("inferred.json");
        try (RowSource source = DataReader.open(fixture("types.csv"), ReadOptions.defaults())) {
            SchemaFile.write(file, source.schema());
            assertThat(SchemaFile.read(file)).isEqualTo(source.schema());
        }
    }

    @Test
    void shouldNameTheEntryWithAnUnknownType() {
        assertThatThrownBy(() -> SchemaFile.read(fixture("schema_bad_type.json")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("schema_bad_type.json")
                .hasMessageContaining("columns[1] ('comment')")
                .hasMessageContaining("Unknown column type 'texty'");
    }

    @Test
    void shouldReportJsonSyntaxErrorsWithTheLine() {
        assertThatThrownBy(() -> SchemaFile.read(fixture("schema_not_json.json")))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isPositive())
                .hasMessageContaining("schema_not_json.json, line")
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void shouldRefuseARepeatedName() {
        assertThatThrownBy(() -> SchemaFile.read(fixture("schema_duplicate.json")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("columns[1] ('id') repeats the name of columns[0]");
    }

    @Test
    void shouldRefuseEntriesWithoutANameOrWithUnknownKeys() throws IOException {
        Path noName = Files.writeString(temp.resolve("noname.json"), "{\"columns\":[{\"type\":\"numeric\"}]}");
        assertThatThrownBy(() -> SchemaFile.read(noName)).hasMessageContaining("columns[0] needs a non-empty");
        Path typo = Files.writeString(temp.resolve("typo.json"), "{\"colums\":[]}");
        assertThatThrownBy(() -> SchemaFile.read(typo)).hasMessageContaining("unknown key \"colums\"");
        Path extra = Files.writeString(temp.resolve("extra.json"),
                "{\"columns\":[{\"name\":\"x\",\"type\":\"numeric\",\"unit\":\"cm\"}]}");
        assertThatThrownBy(() -> SchemaFile.read(extra)).hasMessageContaining("columns[0] has an unknown key \"unit\"");
    }

    @Test
    void shouldRefuseAMissingSchemaFile() {
        Path file = temp.resolve("absent.json");
        assertThatThrownBy(() -> SchemaFile.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": no such schema file");
    }
}
