package io.mlstages.data;

import static io.mlstages.data.Fixtures.fixture;
import static io.mlstages.data.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvErrorsTest {
    @TempDir
    Path temp;

    @Test
    void shouldSayHowManyFieldsWereExpectedWhenARowHasTooMany() {
        assertThatThrownBy(() -> readAll(fixture("ragged_more.csv"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("ragged_more.csv, line 3")
                .hasMessageContaining("has 4 fields, expected 3");
    }

    @Test
    void shouldNameTheFirstAbsentColumnWhenARowHasTooFewFields() {
        assertThatThrownBy(() -> readAll(fixture("ragged_less.csv"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo("c");
                })
                .hasMessageContaining("ragged_less.csv, line 4, column 'c'")
                .hasMessageContaining("has 2 fields, expected 3");
    }

    @Test
    void shouldRefuseABinaryFile() {
        assertThatThrownBy(() -> DataReader.open(fixture("binary.csv"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("binary.csv")
                .hasMessageContaining("is not a text file");
    }

    @Test
    void shouldRefuseAUtf16File() {
        assertThatThrownBy(() -> DataReader.open(fixture("utf16.csv"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("utf16.csv")
                .hasMessageContaining("UTF-16")
                .hasMessageContaining("expected UTF-8");
    }

    @Test
    void shouldRefuseAnEmptyFile() {
        assertThatThrownBy(() -> DataReader.open(fixture("empty.csv"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("empty.csv: is empty (0 bytes): expected a header line");
    }

    @Test
    void shouldRefuseAFileWithOnlyBlankLines() throws IOException {
        Path file = Files.writeString(temp.resolve("blank.csv"), "\n\n\n");
        assertThatThrownBy(() -> DataReader.open(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("blank.csv: is empty");
    }

    @Test
    void shouldRefuseAHeaderWithoutRows() {
        assertThatThrownBy(() -> DataReader.open(fixture("header_only.csv"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("header_only.csv: has a header but no rows");
        assertThatThrownBy(() -> DataReader.open(fixture("header_only.csv"), ReadOptions.defaults()
                .withInferRows(0))).hasMessageContaining("has a header but no rows");
    }

    @Test
    void shouldRefuseDuplicateColumnNames() {
        assertThatThrownBy(() -> DataReader.open(fixture("duplicate_header.csv"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.column()).isEqualTo("a"))
                .hasMessageContaining("duplicate_header.csv, line 1, column 'a'")
                .hasMessageContaining("fields 1 and 3");
    }

    @Test
    void shouldRefuseAnEmptyColumnName() {
        assertThatThrownBy(() -> DataReader.open(fixture("empty_header.csv"), ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("empty_header.csv, line 1")
                .hasMessageContaining("field 2 of 3 is empty");
    }

    @Test
    void shouldReportAnUnterminatedQuoteAtTheEndOfTheFile() {
        assertThatThrownBy(() -> readAll(fixture("unterminated.csv"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("unterminated.csv, line 2")
                .hasMessageContaining("never closed");
    }

    @Test
    void shouldExplainQuotingWhenTextFollowsAClosingQuote() throws IOException {
        Path file = Files.writeString(temp.resolve("quotes.csv"), "a,b\n1,x\n2,\"say \"hi\"\"\n");
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("quotes.csv, line 3: bad quoting")
                .hasMessageContaining("quotes doubled");
    }

    @Test
    void shouldNameTheLineOfAByteThatIsNotUtf8() {
        assertThatThrownBy(() -> readAll(fixture("latin1_late.csv"), ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(4))
                .hasMessageContaining("latin1_late.csv, line 4")
                .hasMessageContaining("not valid UTF-8 (byte 0xE9");
        assertThatThrownBy(() -> DataReader.open(fixture("latin1.csv"), ReadOptions.defaults()))
                .hasMessageContaining("latin1.csv, line 2");
    }

    @Test
    void shouldCountLinesToAnInvalidByteFarIntoTheFile() throws IOException {
        Path file = temp.resolve("far.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("id,name\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 20_000; i++) {
                out.write((i + ",\"naïve\nname\"\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(new byte[] {'9', ',', 'x', (byte) 0xC3, '\n'});
        }
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(40_002));
    }

    @Test
    void shouldRefuseAMissingFile() {
        Path file = temp.resolve("absent.csv");
        assertThatThrownBy(() -> DataReader.open(file, ReadOptions.defaults()))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": no such file");
    }
}
