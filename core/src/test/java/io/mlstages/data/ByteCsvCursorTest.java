package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level CSV cursor against FastCSV ({@link CsvCursor}), the reference it replaces: on generated files
 * full of quotes, delimiters, line breaks of the three kinds, blank lines and multi-byte characters, both must
 * give the same header, the same rows with the same starting lines, and the same error.
 */
class ByteCsvCursorTest {
    private static final String[] PIECES = {
        "a", "b", "x y", "1", "-2.5", "007", ".5", "3.", "+4", "1e5", " 7", "8 ", "NA", "", "é", "€", "😀", "naïve",
        ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "1234567890123456",
    };

    @TempDir
    Path temp;

    @Test
    void shouldSplitGeneratedFilesExactlyAsFastCsvDoes() throws IOException {
        Random random = new Random(20261127);
        for (int n = 0; n < 1500; n++) {
            Path file = temp.resolve("valid-" + n + ".csv");
            Files.write(file, generate(random, n % 5 == 0 ? ';' : ','));
            char delimiter = n % 5 == 0 ? ';' : ',';
            assertThat(read(file, delimiter, false)).as("file %d: %s", n, Files.readString(file))
                    .isEqualTo(read(file, delimiter, true));
        }
    }

    @Test
    void shouldFailOnDamagedFilesWithTheSameErrorAsFastCsv() throws IOException {
        Random random = new Random(7);
        int failures = 0;
        for (int n = 0; n < 1500; n++) {
            byte[] bytes = generate(random, ',');
            if (bytes.length == 0) {
                continue;
            }
            // damage: a stray quote, a cut, or a byte that is not UTF-8
            int at = random.nextInt(bytes.length);
            switch (n % 3) {
                case 0 -> bytes[at] = '"';
                case 1 -> bytes = Arrays.copyOf(bytes, at);
                default -> bytes[at] = (byte) (0x80 + random.nextInt(128));
            }
            Path file = temp.resolve("damaged-" + n + ".csv");
            Files.write(file, bytes);
            List<String> expected = read(file, ',', true);
            List<String> actual = read(file, ',', false);
            String last = expected.get(expected.size() - 1);
            if (last.startsWith("error") && last.contains("UTF-8")) {
                // FastCSV decodes ahead of its parsing, so it fails before the rows that come before the bad byte;
                // the byte-level cursor reaches the bad byte in file order, so it may first meet another error
                String error = actual.get(actual.size() - 1);
                assertThat(error).as("file %d", n).startsWith("error");
                if (error.contains("UTF-8")) {
                    assertThat(error).as("file %d", n).isEqualTo(last);
                }
                assertThat(actual.subList(0, expected.size() - 1)).as("file %d", n)
                        .isEqualTo(expected.subList(0, expected.size() - 1));
                failures++;
            } else {
                failures += last.startsWith("error") ? 1 : 0;
                assertThat(actual).as("file %d: %s", n, new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
            }
        }
        assertThat(failures).as("damaged files that fail").isGreaterThan(300);
    }

    @Test
    void shouldReadGzipCompressedFilesAsTheirContent() throws IOException {
        Random random = new Random(11);
        for (int n = 0; n < 50; n++) {
            byte[] bytes = generate(random, ',');
            Path plain = Files.write(temp.resolve("plain-" + n + ".csv"), bytes);
            Path packed = temp.resolve("packed-" + n + ".csv.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(packed))) {
                out.write(bytes);
            }
            List<String> expected = read(plain, ',', true).stream()
                    .map(line -> line.replace(plain.toString(), "FILE")).toList();
            assertThat(read(packed, ',', false).stream().map(line -> line.replace(packed.toString(), "FILE")))
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldParsePlainNumbersWhileSplittingAndLeaveEverythingElseToTheTyper() throws IOException {
        String[] cells = {"12", "-0.5", "+3", "5.", ".25", "007", "123456789012345", "1234567890123456", "1e5",
            " 7", "8 ", "", "-", ".", "NaN", "x1", "1.2.3", "0.1", "-0", "\"5\""};
        StringBuilder text = new StringBuilder("v,w\n");
        for (String cell : cells) {
            text.append(cell).append(",z\n");
        }
        Path file = Files.writeString(temp.resolve("numbers.csv"), text);
        NumberParser parser = new NumberParser();
        try (ByteCsvCursor cursor = new ByteCsvCursor(file, TextInput.open(file, "x"), ',')) {
            cursor.parseNumbers(new boolean[] {true, false});
            List<String> fast = new ArrayList<>();
            while (cursor.advance()) {
                cursor.fillChars();
                String cell = new String(cursor.chars, cursor.starts[0], cursor.ends[0] - cursor.starts[0]);
                assertThat(cursor.parsed[1]).isFalse();
                if (cursor.parsed[0]) {
                    fast.add(cell);
                    double expected = parser.parse(cursor.chars, cursor.starts[0], cursor.ends[0]);
                    assertThat(parser.valid()).isTrue();
                    assertThat(Double.doubleToRawLongBits(cursor.values[0])).as(cell)
                            .isEqualTo(Double.doubleToRawLongBits(expected))
                            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
                }
            }
            assertThat(fast).containsExactly("12", "-0.5", "+3", "5.", ".25", "007", "123456789012345", "0.1", "-0");
        }
    }

    @Test
    void shouldParseRandomPlainNumbersToTheSameDoubleAsTheJdk() throws IOException {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder("v,w\n");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder cell = new StringBuilder(new String[] {"", "", "-", "+"}[random.nextInt(4)]);
            int whole = random.nextInt(10);
            for (int k = 0; k < whole; k++) {
                cell.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                cell.append('.');
                int fraction = random.nextInt(10);
                for (int k = 0; k < fraction; k++) {
                    cell.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(50) == 0) {
                cell.append(new String[] {"x", ".", "e3", " "}[random.nextInt(4)]);
            }
            written.add(cell.toString());
            text.append(cell).append(random.nextBoolean() ? ",a\n" : ",a\r\n");
        }
        Path file = Files.writeString(temp.resolve("random-numbers.csv"), text);
        java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[-+]?[0-9]*\\.?[0-9]*");
        try (ByteCsvCursor cursor = new ByteCsvCursor(file, TextInput.open(file, "x"), ',')) {
            cursor.parseNumbers(new boolean[] {true, false});
            int row = 0;
            int parsed = 0;
            while (cursor.advance()) {
                cursor.fillChars();
                String cell = new String(cursor.chars, cursor.starts[0], cursor.ends[0] - cursor.starts[0]);
                assertThat(cell).isEqualTo(written.get(row++));
                long digits = cell.chars().filter(Character::isDigit).count();
                boolean expected = plain.matcher(cell).matches() && digits > 0 && digits <= 15;
                assertThat(cursor.parsed[0]).as(cell).isEqualTo(expected);
                if (expected) {
                    parsed++;
                    assertThat(Double.doubleToRawLongBits(cursor.values[0])).as(cell)
                            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
                }
            }
            assertThat(row).isEqualTo(written.size());
            assertThat(parsed).isGreaterThan(30_000);
        }
    }

    @Test
    void shouldNotTakeANumberForANumberWhenAMissingTokenLooksLikeOne() throws IOException {
        Path file = Files.writeString(temp.resolve("sentinel.csv"), "v\n1\n-999\n2\n");
        ReadOptions options = ReadOptions.defaults().withMissing(java.util.Set.of("-999", ""));
        try (RowSource source = DataReader.open(file, options)) {
            assertThat(Fixtures.numbers(source, "v")).containsExactly(1.0, null, 2.0);
        }
    }

    @Test
    void shouldRefuseADelimiterThatIsNotAscii() throws IOException {
        Path file = Files.writeString(temp.resolve("a.csv"), "a§b\n1§2\n");
        assertThat(ByteCsvCursor.handles('§')).isFalse();
        assertThatThrownBy(() -> new ByteCsvCursor(file, TextInput.open(file, "x"), '§'))
                .isInstanceOf(IllegalArgumentException.class);
        try (RowSource source = DataReader.open(file, ReadOptions.defaults().withDelimiter('§'))) {
            assertThat(Fixtures.cells(source)).containsExactly(List.of("1", "2"));
        }
    }

    /** Header, rows (line and fields) and the error, if any, as one list of strings. */
    private static List<String> read(final Path file, final char delimiter, final boolean reference) {
        List<String> out = new ArrayList<>();
        TextInput input;
        try {
            input = TextInput.open(file, "x");
        } catch (DataException e) {
            out.add("error " + e.getMessage());
            return out;
        }
        RowCursor cursor;
        try {
            cursor = reference ? new CsvCursor(file, input, delimiter) : new ByteCsvCursor(file, input, delimiter);
        } catch (DataException e) {
            input.close();
            out.add("error " + e.getMessage() + " @" + e.line());
            return out;
        }
        try (RowCursor open = cursor) {
            out.add("header " + open.columns());
            while (true) {
                boolean more;
                try {
                    more = open.advance();
                } catch (DataException e) {
                    out.add("error " + e.getMessage() + " @" + e.line());
                    break;
                }
                if (!more) {
                    break;
                }
                StringBuilder row = new StringBuilder("line ").append(open.line);
                for (int i = 0; i < open.columns().size(); i++) {
                    row.append(" [").append(open.chars, open.starts[i], open.ends[i] - open.starts[i]).append(']');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /** A small CSV file of random fields, quoted when they need it (and sometimes when they do not). */
    private static byte[] generate(final Random random, final char delimiter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int columns = 1 + random.nextInt(4);
        String[] breaks = {"\n", "\r\n", "\r"};
        String lineBreak = breaks[random.nextInt(3)];
        int rows = random.nextInt(6);
        for (int r = 0; r <= rows; r++) {
            if (random.nextInt(8) == 0) {
                out.writeBytes(lineBreak.getBytes(StandardCharsets.UTF_8)); // a blank line
            }
            // a ragged row now and then
            int width = random.nextInt(12) == 0 ? columns + random.nextInt(3) - 1 : columns;
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                String field = r == 0 ? "col" + c : field(random);
                boolean needs = field.indexOf(delimiter) >= 0 || field.contains("\"") || field.contains("\n")
                        || field.contains("\r");
                if (needs || random.nextInt(6) == 0) {
                    field = "\"" + field.replace("\"", "\"\"") + "\"";
                }
                out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            }
            if (r < rows || random.nextBoolean()) {
                out.writeBytes((random.nextInt(10) == 0 ? breaks[random.nextInt(3)] : lineBreak)
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String field(final Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(3);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
