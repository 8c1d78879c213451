package io.mlstages.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static io.mlstages.data.Fixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A NUL byte is refused as binary wherever it is, not only within the first 64 KB that opening sniffs. */
class NulByteTest {
    private static final int ROWS = 20_000; // about 200 KB: far past the sniffed start

    @TempDir
    Path temp;

    private static byte[] rows(final boolean jsonl, final int nulAtRow) {
        StringBuilder text = new StringBuilder(jsonl ? "" : "x,name\n");
        for (int i = 0; i < ROWS; i++) {
            String name = i == nulAtRow ? "ab\u0000cd" : "n" + (i % 7);
            text.append(jsonl ? "{\"x\": " + i + ", \"name\": \"" + name + "\"}\n" : i + "," + name + "\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(final Path file, final long line) {
        for (ReadOptions options : new ReadOptions[] {ReadOptions.defaults(), ReadOptions.defaults().withInferRows(0)}) {
            assertThatThrownBy(() -> readAll(file, options))
                    .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(line))
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("is not a text file (a NUL byte at offset");
        }
    }

    @Test
    void shouldRefuseANulByteDeepInACsvFile() throws Exception {
        Path file = Files.write(temp.resolve("deep.csv"), rows(false, 15_000));

        assertRefused(file, 15_002); // the header is line 1, row 0 line 2
    }

    @Test
    void shouldRefuseANulByteDeepInAJsonLinesFile() throws Exception {
        Path file = Files.write(temp.resolve("deep.jsonl"), rows(true, 15_000));

        assertRefused(file, 15_001);
    }

    @Test
    void shouldRefuseANulByteDeepInAGzipCompressedFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(rows(false, 19_000));
        }
        Path file = Files.write(temp.resolve("deep.csv.gz"), bytes.toByteArray());

        assertRefused(file, 19_002);
    }

    @Test
    void shouldNameTheLineOfANulAtEveryPositionInAWord() throws Exception {
        byte[] clean = rows(false, -1);
        for (int shift = 0; shift < 9; shift++) {
            byte[] bytes = clean.clone();
            int at = 90_000 + shift;
            bytes[at] = 0;
            long line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            final long expected = line;
            final int offset = at;
            Path file = Files.write(temp.resolve("shift-" + shift + ".csv"), bytes);
            assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                    .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.line()).isEqualTo(expected))
                    .hasMessageContaining("a NUL byte at offset " + offset + ")");
        }
    }

    @Test
    void shouldStillReadTheSameFileWithoutTheNul() throws Exception {
        Path file = Files.write(temp.resolve("clean.csv"), rows(false, -1));

        readAll(file, ReadOptions.defaults());
    }
}
